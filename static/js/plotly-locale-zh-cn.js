// plotly.js in Simplified Chinese: the chart toolbar, hover hints, and month and day names in
// date axes. Served from our own static files (no CDN); static/js/app.js picks "zh-CN" for
// pages whose <html lang> is Chinese.
(function () {
  "use strict";
  if (typeof window.Plotly === "undefined") return;
  window.Plotly.register({
    moduleType: "locale", name: "zh-CN",
    dictionary: {
      "Autoscale": "自动缩放", "Box Select": "框选", "Lasso Select": "套索选择",
      "Compare data on hover": "悬停时对比数据", "Show closest data on hover": "悬停时显示最近的数据",
      "Double-click on legend to isolate one trace": "双击图例只看这一项",
      "Double-click to zoom back out": "双击还原", "Download plot as a png": "下载为 PNG 图片",
      "Download plot": "下载图表", "Pan": "平移", "Produced with Plotly.js": "由 Plotly.js 生成",
      "Reset": "重置", "Reset axes": "重置坐标轴", "Reset view": "重置视图",
      "Snapshot succeeded": "截图成功", "Sorry, there was a problem downloading your snapshot!": "抱歉，下载截图时出错！",
      "Taking snapshot - this may take a few seconds": "正在截图，请稍候",
      "Toggle Spike Lines": "显示/隐藏辅助线", "Toggle show closest data on hover": "切换悬停显示最近数据",
      "Zoom": "缩放", "Zoom in": "放大", "Zoom out": "缩小", "trace": "数据系列", "new text": "新文本",
      "max:": "最大值：", "min:": "最小值：", "mean:": "平均值：", "median:": "中位数：",
      "q1:": "下四分位数：", "q3:": "上四分位数：", "open:": "开盘：", "close:": "收盘：",
      "high:": "最高：", "low:": "最低："
    },
    format: {
      days: ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"],
      shortDays: ["周日", "周一", "周二", "周三", "周四", "周五", "周六"],
      months: ["一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "十一月", "十二月"],
      shortMonths: ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"],
      date: "%Y-%m-%d", decimal: ".", thousands: ","
    }
  });
}());
