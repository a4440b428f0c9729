"""The demo alliance in Simplified Chinese: `seed_demo --language zh` writes these instead of the
English demo texts (socialcrm.demo.DemoContext.say). Demo content is data, not interface text, so
it lives here and not in the message catalogue."""

STAFF_NAMES = {
    "admin": "赵晓东", "exec": "陈伟", "lead": "周丽娜", "lead2": "罗明", "am": "王美", "am2": "白涛",
    "analyst": "沈佩",
}

TEXTS = {
    # accounts
    "Lumière Skincare": "露美护肤", "Panda Snacks": "熊猫零食", "Velo Bikes": "骑迹单车",
    "NorthStar Agency": "北极星广告", "Jade Mobile": "翡翠手机", "Harbor Coffee": "港湾咖啡",
    "Beauty": "美妆", "FMCG": "快消品", "Sports": "运动", "Agency": "广告代理", "Electronics": "消费电子",
    "Food & beverage": "餐饮", "Food": "美食", "Lifestyle": "生活方式",
    "Beauty Daily": "美妆日报", "@GlowWithXia": "@夏夏爱护肤", "Foodie Lab": "吃货实验室",
    "TechPulse": "科技脉搏", "RideOn Network": "骑行联盟", "Metro Screens": "城市屏媒",
    "Marketing director": "市场总监", "Operations desk": "运营服务台", "Campaign operations": "投放运营",
    "WeChat": "微信", "email": "邮件",
    "Carries seeding and short-video placements.": "承接种草内容和短视频投放。",
    "Results since last review; creative pipeline; budget for next month.": "上次复盘以来的效果；创意排期；下月预算。",
    "Walked through reach and CTR by platform. Client happy with Douyin, wants more Xiaohongshu seeding. "
    "Discussed two delayed creatives and how to avoid it next time.":
        "按平台过了一遍触达和点击率。客户对抖音效果满意，希望在小红书加大种草。讨论了两条延误的创意以及下次如何避免。",
    "Shift 10% of budget from Weibo to Xiaohongshu. Weekly creative check-in until launch. "
    "Share a one-page ROI summary before each review.":
        "把 10% 的预算从微博转到小红书。上线前每周对一次创意。每次复盘前发一页投资回报率摘要。",
    "Send the ROI one-pager": "发送投资回报率一页纸", "Confirm KOL shortlist with the client": "与客户确认达人候选名单",
    "Book the quarterly business review": "预约季度业务复盘", "Share creative calendar": "共享创意日历",
    "Goals, KPIs and the way we work together.": "目标、KPI 和合作方式。",
    "Agreed KPIs and reporting rhythm.": "确定了 KPI 和汇报节奏。",
    "Monthly review on the first week of each month.": "每月第一周进行月度复盘。",
    # campaigns
    "Autumn Glow Launch": "秋日焕彩新品上市", "Double 11 Snack Festival": "双十一零食节",
    "Spring Ride 2026": "2026 春季骑行季", "Agency Always-on 2026": "代理商 2026 常态投放",
    "Jade X5 Teaser": "翡翠 X5 预热", "Winter Warm Cups": "冬日暖杯", "New Year Glow Gift Sets": "新年焕彩礼盒",
    "Snack Pop-up Tour": "零食快闪巡游", "Summer Skin Shield": "夏日肌肤防护", "Lumière Serum Relaunch": "露美精华焕新上市",
    "Grow awareness and drive conversions among urban 20-35 year olds.": "提升 20-35 岁城市人群的认知并带动转化。",
    "Li Liu (Harbor Coffee marketing)": "刘丽（港湾咖啡市场部）",
    "The cups look too summery. We need a warmer palette and the new logo.": "杯子看起来太夏天了。需要更暖的配色和新标志。",
    "Approved.": "通过。",
    # crisis
    "KPI missed its target (7 days)": "KPI 未达目标（7 天）",
    "KPI dropped 30% against its 4-week baseline": "KPI 比 4 周基线下降 30%",
    "Negative feedback spike": "负面反馈激增", "Two or more late answers in a week": "一周内两次及以上回复超时",
    "Key milestone overdue": "关键里程碑逾期", "Budget overspent": "预算超支",
    "Lumière: any KPI at risk": "露美：任一 KPI 有风险",
    "Confirm the numbers with the platform reports": "与平台报表核对数据",
    "Call the advertiser: explain what happened and what we do next": "致电广告主：说明发生了什么以及下一步",
    "Propose a recovery plan (budget shift, creative refresh)": "提出恢复方案（调整预算、更新创意）",
    "Review results with the advertiser": "与广告主复盘效果",
    "Answer every open complaint personally": "逐一亲自回复未处理的投诉",
    "Agree a public statement with the partner": "与合作方商定公开声明",
    "Find the root cause with the team": "与团队一起找出根本原因",
    "Answer every overdue item today": "今天回复所有逾期事项",
    "Apologise and give the partner a direct contact": "致歉并给合作方一个直接联系人",
    "Fix the rota or routing that let answers slip": "修正导致回复延误的排班或分派",
    "Re-plan the remaining milestones": "重新规划剩余里程碑",
    "Tell the advertiser the new dates and why": "告知广告主新的日期及原因",
    "Daily check-in until back on plan": "每日跟进直到回到计划",
    "Pause or cap the overspending line items": "暂停或限制超支的投放项",
    "Explain the overspend and the correction to the advertiser": "向广告主说明超支及纠正措施",
    "Agree who bears the overspend": "商定超支由谁承担",
    "Assess impact and agree the response": "评估影响并商定应对",
    "Tell the affected partners": "通知受影响的合作方",
    "CTR collapse on Autumn Glow after the creative swap": "秋日焕彩更换创意后点击率骤降",
    "CTR fell from 1.4% to 0.6% within three days of the new creatives going live.": "新创意上线三天内点击率从 1.4% 跌到 0.6%。",
    "Incident owner": "事件负责人", "Recovery plan": "恢复方案", "Strategic account": "战略客户",
    "Reporting pipeline": "报表流程",
    "Roll back to the previous creatives": "回滚到之前的创意", "Call Lumière's marketing director": "致电露美市场总监",
    "Run an A/B test of two new creatives": "对两条新创意做 A/B 测试",
    "We saw the click-through rate drop after Monday's creative change, rolled back within a day and will "
    "share an A/B test plan by Friday. No extra cost for the affected days.":
        "周一更换创意后我们发现点击率下降，已在一天内回滚，并将在周五前提供 A/B 测试方案。受影响日期不额外收费。",
    "New creatives went live on all placements at once; CTR fell 57% in three days.": "新创意一次性在所有版位上线；三天内点击率下降 57%。",
    "Creatives skipped the pre-launch A/B test because of a deadline; nobody watched CTR daily.": "因赶工期，创意跳过了上线前的 A/B 测试；没有人每天关注点击率。",
    "Every creative swap now starts on 20% of placements; the CTR warning rule runs hourly.": "现在每次更换创意先在 20% 的版位上线；点击率预警规则每小时运行。",
    "Add the A/B gate to the launch checklist": "把 A/B 测试关口加入上线检查清单",
    "Creatives rolled back.": "创意已回滚。", "CTR back to 1.3%.": "点击率回到 1.3%。",
    "Panda Snacks unhappy with Double 11 reporting delays": "熊猫零食不满双十一报表延迟",
    "Daily reports arrived two days late three times; the client escalated to their CMO.": "日报三次延迟两天送达；客户已上报其首席营销官。",
    "Send all missing daily reports": "补发所有缺失的日报", "Apologise to the CMO in person": "当面向首席营销官致歉",
    "Automate the daily report export": "日报导出自动化",
    # feedback
    "The account team was responsive and professional. Great cooperation!": "客户团队响应及时、专业，合作非常愉快！",
    "CTR exceeded the target, very satisfied with the results.": "点击率超过目标，对效果非常满意。",
    "Conversions were poor and the weekly report was late again.": "转化很差，周报又迟到了。",
    "We were overcharged on the last invoice and nobody answered our emails.": "上一张发票多收了钱，发邮件也没人回复。",
    "Content was fine but the approval process is slow.": "内容还可以，但审批流程太慢。",
    "Please share the weekly report earlier, before our Monday meeting.": "请在周一例会前早点发周报。",
    "Thank you for the quick fix on the creative, excellent work.": "感谢快速修复创意问题，做得很好。",
    "Reach was good but not the conversions we hoped for.": "触达不错，但转化没有达到预期。",
    "Weibo comments": "微博评论", "Douyin comments": "抖音评论", "Xiaohongshu comments": "小红书评论",
    "This ad is misleading, the discount does not work. Terrible.": "这个广告误导人，折扣根本用不了。太差了。",
    "Love this campaign, the video is amazing!": "太喜欢这个活动了，视频超棒！",
    "Would like to see the product in more colours.": "希望产品有更多颜色。",
    "After the monthly review": "月度复盘之后",
    "Checked the numbers with the project lead.": "已与项目负责人核对数据。",
    "Thank you for telling us. We are looking into it and will follow up.": "感谢告知。我们正在核查，会尽快跟进。",
    "Explained the figures on a call and agreed on next steps.": "电话里解释了数据并商定了下一步。",
    # governance
    "Staff on social media": "员工使用社交媒体规范",
    "1. Say that you work for the alliance whenever you post about a client or a campaign.\n"
    "2. Never post budgets, results or plans before the client has published them.\n"
    "3. Answer negative comments openly and kindly; never delete them.\n"
    "4. Ask the account manager before engaging a journalist or a KOL about a client.":
        "1. 发布与客户或活动相关的内容时，说明你在联盟工作。\n"
        "2. 客户公布之前，不得发布预算、效果或计划。\n"
        "3. 公开、友善地回复负面评论；绝不删除。\n"
        "4. 就客户事宜联系记者或达人之前，先征得客户经理同意。",
    "Honesty, respect, timely answers, discretion.": "诚信、尊重、及时回复、保密。",
    "Budgets and results stay between the two teams until published.": "预算和效果在公布前仅限双方团队知悉。",
    # social
    "GlowLab": "光研",
    "Three steps to calm skin after a long day": "忙碌一天后，三步舒缓肌肤",
    "Behind the scenes of our new serum": "新品精华的幕后故事",
    "Your questions about sunscreen, answered": "关于防晒的问题，一次解答",
    "Weekend snack box: what is inside?": "周末零食盒里有什么？",
    "Gentle on sensitive skin": "温和呵护敏感肌",
    "Dermatologist tested, gentle on sensitive skin": "皮肤科医生测试，温和呵护敏感肌",
    "Lumière, serum, sunscreen": "露美, 精华, 防晒",
    "Panda Snacks, snack box": "熊猫零食, 零食盒",
    "Headline: plain or expert-backed": "标题：普通表述还是专家背书",
    "Naming the dermatologist lifts clicks.": "提到皮肤科医生能提高点击率。",
    "Love the new serum, my skin feels so soft": "超爱新精华，皮肤好软好滑",
    "Does the sunscreen leave a white cast?": "这款防晒会泛白吗？",
    "The serum broke me out, really disappointed": "用了精华爆痘了，非常失望",
    "Lumière's delivery took two weeks, terrible service": "露美发货等了两周，服务太差了",
    "Bought the Lumière serum again, great value": "又回购了露美精华，性价比很高",
    "The snack box is my favourite Friday treat": "零食盒是我每周五最爱的小奖励",
    "Panda Snacks chips were stale in my snack box, disappointed": "熊猫零食的薯片在零食盒里受潮了，很失望",
    "When does the new snack box flavour come out?": "零食盒的新口味什么时候上市？",
}
