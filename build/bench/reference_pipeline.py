#!/usr/bin/env python3
"""The reference pipeline of the product brief, for the build benchmark (build/bench-build.sh).

A faithful, sequential port of the tutorial in the brief ("Compiling Genesys Cloud IVR Studio Flow Media Assets via
REST API with Node.js", the Complete Working Example), with Python's standard library in place of axios:

  1. POST /oauth/token (client credentials, form body), the token cached as in getAccessToken();
  2. for each file, ONE AT A TIME (the tutorial's `for ... await validateAndInjectAsset`): check size <= 2 MB and
     the extension, guess the sample rate from the file name (`(\\d{4,5})Hz`, default 8000), then POST it as
     multipart/form-data field `file` to /api/v2/media/assets; 429 is retried after Retry-After (3 attempts);
  3. build the compile payload exactly as buildCompilationPayload() does (nodeId `node_<first 8 chars of the asset
     id>`, priority 1, fallbackEncoding alaw, encoding ulaw, the same options) and POST /api/v2/media/compile;
  4. wait for the job to end. The tutorial waits for a webhook; no webhook listener runs here, so it polls
     GET /api/v2/media/compile/{id} every 50 ms (the build's first poll interval; a webhook would tell at once)
     until COMPLETED or FAILED.
     Polling is what the build does too, so both sides include "wait until the compiled result is known".

Not included (the tutorial has no such step): downloading the compiled prompts. Like axios on Node 18, every
request opens a new connection (no keep-alive).

    reference_pipeline.py <base url> <client id> <client secret> <flow id> <prompt folder>

Prints one JSON line: {"seconds": total, "uploadSeconds": ..., "compileSeconds": ..., "assets": n, "status": ...}.
Credentials come as arguments because the benchmark script passes the emulator's printed demo values.
"""
import json
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

ALLOWED_FORMATS = ["wav", "mp3", "aac", "ogg"]
ALLOWED_SAMPLE_RATES = [8000, 16000]
MAX_FILE_SIZE = 2 * 1024 * 1024
POLL_INTERVAL_SECONDS = 0.05


class Api:
    def __init__(self, base_url, client_id, client_secret):
        self.base_url = base_url.rstrip("/")
        self.client_id = client_id
        self.client_secret = client_secret
        self.token = None
        self.token_expiry = 0.0

    def access_token(self):
        if self.token and time.time() < self.token_expiry - 60:
            return self.token
        body = urllib.parse.urlencode({
            "grant_type": "client_credentials",
            "client_id": self.client_id,
            "client_secret": self.client_secret,
        }).encode()
        request = urllib.request.Request(f"{self.base_url}/oauth/token", data=body, method="POST",
                                         headers={"Content-Type": "application/x-www-form-urlencoded"})
        with urllib.request.urlopen(request, timeout=30) as response:
            answer = json.load(response)
        self.token = answer["access_token"]
        self.token_expiry = time.time() + answer["expires_in"]
        return self.token

    def request(self, method, path, body=None, content_type="application/json"):
        headers = {"Authorization": f"Bearer {self.access_token()}", "Accept": "application/json"}
        if body is not None:
            headers["Content-Type"] = content_type
        retries = 3
        while True:
            request = urllib.request.Request(f"{self.base_url}{path}", data=body, method=method, headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    return response.status, json.load(response)
            except urllib.error.HTTPError as error:
                if error.code == 429 and retries > 0:
                    time.sleep(float(error.headers.get("Retry-After") or 2))
                    retries -= 1
                    continue
                raise RuntimeError(f"{method} {path} failed: {error.code} {error.read()[:300]!r}") from None


def multipart_file(field, file_name, content):
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\n"
            f"Content-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\n"
            f"Content-Type: application/octet-stream\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def validate_and_inject_asset(api, file_path, flow_id):
    size = os.stat(file_path).st_size
    ext = os.path.splitext(file_path)[1].lower().lstrip(".")
    if size > MAX_FILE_SIZE:
        raise ValueError(f"Asset exceeds maximum file size limit: {size} bytes. Maximum allowed is {MAX_FILE_SIZE} bytes.")
    if ext not in ALLOWED_FORMATS:
        raise ValueError(f"Unsupported audio format: {ext}. Allowed formats are {', '.join(ALLOWED_FORMATS)}.")
    file_name = os.path.basename(file_path)
    detected_sample_rate = 8000
    match = re.search(r"(\d{4,5})Hz", file_name)
    if match:
        rate = int(match.group(1))
        if rate not in ALLOWED_SAMPLE_RATES:
            raise ValueError(f"Invalid sample rate: {rate}Hz. Telephony engines require 8000Hz or 16000Hz.")
        detected_sample_rate = rate
    with open(file_path, "rb") as stream:
        body, content_type = multipart_file("file", file_name, stream.read())
    status, asset = api.request("POST", "/api/v2/media/assets", body, content_type)
    if status not in (200, 201):
        raise RuntimeError(f"Asset injection failed: {status}")
    return {"assetId": asset["id"], "format": ext, "sampleRate": detected_sample_rate, "fileSize": size}


def build_compilation_payload(flow_id, assets, encoding="ulaw", webhook_url=None):
    media = [{
        "assetId": asset["assetId"],
        "nodeId": f"node_{asset['assetId'][:8]}",
        "format": asset["format"],
        "sampleRate": asset["sampleRate"],
        "priority": 1,
        "fallbackEncoding": "alaw",
    } for asset in assets]
    if not media:
        raise ValueError("Compilation payload requires at least one media asset in the matrix.")
    return {
        "flowId": flow_id,
        "media": media,
        "encoding": encoding,
        "webhookUrl": webhook_url,
        "options": {"enableOptimization": True, "stripMetadata": True, "normalizeVolume": True, "maxChannels": 1},
    }


def main():
    if len(sys.argv) != 6:
        print(__doc__, file=sys.stderr)
        return 2
    base_url, client_id, client_secret, flow_id, folder = sys.argv[1:]
    files = sorted(os.path.join(folder, name) for name in os.listdir(folder))
    api = Api(base_url, client_id, client_secret)

    started = time.perf_counter()
    injected = []
    for file_path in files:
        try:
            injected.append(validate_and_inject_asset(api, file_path, flow_id))
        except (ValueError, RuntimeError) as error:
            print(f"Skipping asset {file_path}: {error}", file=sys.stderr)
    uploaded = time.perf_counter()

    payload = build_compilation_payload(flow_id, injected)
    _, accepted = api.request("POST", "/api/v2/media/compile", json.dumps(payload).encode())
    while True:
        _, job = api.request("GET", f"/api/v2/media/compile/{accepted['id']}")
        if job["status"] in ("COMPLETED", "FAILED"):
            break
        time.sleep(POLL_INTERVAL_SECONDS)
    finished = time.perf_counter()

    print(json.dumps({
        "seconds": round(finished - started, 3),
        "uploadSeconds": round(uploaded - started, 3),
        "compileSeconds": round(finished - uploaded, 3),
        "assets": len(injected),
        "status": job["status"],
    }))
    return 0 if job["status"] == "COMPLETED" and len(injected) == len(files) else 1


if __name__ == "__main__":
    sys.exit(main())
