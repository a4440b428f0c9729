"""Upload handlers: big files go to a temporary file chunk by chunk, never into memory, and a file
larger than the import limit is dropped as it arrives, before any of it is stored or parsed."""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile, StopUpload


class SizeLimitUploadHandler(FileUploadHandler):
    """First in FILE_UPLOAD_HANDLERS. When the request's Content-Length (or, without one, the bytes
    received) exceed IMPORT_MAX_BYTES, the file is skipped and `request.upload_too_large` is set
    so the form can say why; the other form fields (CSRF token, source) are still read."""

    FORM_OVERHEAD = 64 * 1024

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.too_large = bool(content_length and content_length > self.limit())
        self.received = 0
        if self.too_large:
            self.request.upload_too_large = content_length

    def new_file(self, *args, **kwargs):
        if self.too_large:
            raise SkipFile

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit():
            self.request.upload_too_large = self.received
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None

    def limit(self):
        return settings.IMPORT_MAX_BYTES + self.FORM_OVERHEAD
