"""S3 object storage. boto3 is synchronous: coroutines must hand its calls to a thread."""
import io

import boto3


class ObjectStorage:
    def __init__(self, bucket: str) -> None:
        self._bucket = bucket
        self._s3 = boto3.client("s3")

    def put_bytes(self, key: str, data: bytes) -> None:
        self._s3.upload_fileobj(io.BytesIO(data), self._bucket, key)

    def delete(self, key: str) -> None:
        self._s3.delete_object(Bucket=self._bucket, Key=key)


storage = ObjectStorage("uploads")
