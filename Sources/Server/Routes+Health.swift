import Central
import HTTP
import HallWire

extension HallApp {
  /// `GET /healthz`: `{"status":"ok"}`, plus the daily backup's and the regional shipper's
  /// state, and the notices outbox's, when the hall file asks for them; 503 `storage_failing` while commits fail.
  func health(now: Millis) -> HTTPResponse {
    if storageFailing {
      return HTTPError.serviceUnavailable(
        "changes cannot be stored (disk full or failing); retrying", code: "storage_failing"
      ).response
    }
    var json = JSONWriter()
    json.beginObject()
    json.key("status")
    json.string("ok")
    if let backup = backupReport() {
      json.key("backup")
      backup.write(to: &json, zone: config.zone)
    }
    if let central = centralStatus() {
      json.key("central")
      central.write(to: &json, now: now)
    }
    if let notices = noticeSender {
      json.key("notices")
      notices.write(to: &json, now: now, zone: config.zone)
    }
    json.endObject()
    return .jsonBytes(json.bytes)
  }
}
