"""Blob storage: content-addressed, encrypted, streamed files on a local folder or S3."""
