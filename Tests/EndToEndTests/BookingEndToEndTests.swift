import Foundation
import Testing

/// Bookings, check-in and remote tickets against a real `antre serve` on the wall clock:
/// A is bookable around the clock, so the next slot is always within check-in.
@Suite(.serialized) struct BookingEndToEndTests {
  static let hall = """
    name: Test Hall
    timezone: Asia/Jakarta
    admin_token: admin-secret
    notify_webhook: http://127.0.0.1:9/notices
    services:
      - id: A
        name: Kependudukan
        target_wait_s: 900
        mean_service_s: 300
        appointments: {slot_s: 900, per_slot: 1, days_ahead: 1}
        remote: {share: 1, notify_ahead: 2}
      - {id: B, name: Perizinan, target_wait_s: 900, mean_service_s: 300}
    counters:
      - {id: 1, name: Loket 1, services: [A, B], token: c1-secret}
    kiosks:
      - {id: K1, token: k1-secret}
    """

  /// Today in the hall's zone (+07:00).
  static func today() -> String {
    let f = DateFormatter()
    f.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
    f.dateFormat = "yyyy-MM-dd"
    return f.string(from: Date())
  }

  @Test func aBookingIsCheckedInAndSurvivesARestartWithTheRemoteTicket() async throws {
    let server = try ServerProcess(hall: Self.hall)
    // The next slot today, or tomorrow's first just after midnight.
    var slots = try await server.request("GET", "/api/slots?service=A&date=\(Self.today())")
    if (slots.json as? [Any])?.isEmpty ?? true {
      slots = try await server.request(
        "GET", "/api/slots?service=A&date=\(Self.tomorrow())")
    }
    #expect(slots.status == 200)
    let slot = try #require((slots.json as? [[String: Any]])?.first)
    let start = try #require(slot["start"] as? String)
    #expect(slot["free"] as? Int == 1)

    let made = try await server.request(
      "POST", "/api/bookings",
      json: ["service": "A", "start": start, "name": "Budi Santoso", "phone": "0812-3456-7890"])
    #expect(made.status == 201)
    let booking = try #require(made.object["booking"] as? [String: Any])
    let id = try #require(booking["id"] as? String)
    let code = try #require(booking["code"] as? String)
    let key = try #require(made.object["key"] as? String)
    let full = try await server.request(
      "POST", "/api/bookings",
      json: ["service": "A", "start": start, "name": "Ani", "phone": "081298765432"])
    #expect(full.status == 409 && full.errorCode == "slot_full")
    #expect(try await server.request("GET", "/api/bookings/\(id)").status == 403)

    let ticket = try await server.request(
      "POST", "/api/bookings/checkin", token: "k1-secret", json: ["code": "#" + code])
    #expect(ticket.status == 201)
    #expect(ticket.object["appointment"] as? String == start)
    let ticketID = try #require(ticket.object["id"] as? String)

    let remote = try await server.request(
      "POST", "/api/tickets", json: ["service": "A", "remote": true, "phone": "+6281311112222"])
    #expect(remote.status == 201 && remote.object["remote"] as? Bool == true)
    let remoteID = try #require(remote.object["id"] as? String)

    #expect(server.terminate() == 0)
    let restarted = try ServerProcess(hall: Self.hall, reuse: server.directory)
    let viewed = try await restarted.request("GET", "/api/bookings/\(id)?key=\(key)")
    #expect(viewed.object["state"] as? String == "checked_in")
    #expect(viewed.object["ticket"] as? String == ticketID)
    let again = try await restarted.request("GET", "/api/tickets/\(ticketID)")
    #expect(again.object["appointment"] as? String == start && again.object["key"] == nil)
    let remoteAgain = try await restarted.request("GET", "/api/tickets/\(remoteID)")
    #expect(remoteAgain.object["remote"] as? Bool == true)
    let hallText = String(
      decoding: try await restarted.request("GET", "/api/hall").body, as: UTF8.self)
    #expect(!hallText.contains("Budi") && !hallText.contains("+62"))
    let service = try await restarted.request("GET", "/api/hall")
    let a = (service.object["services"] as? [[String: Any]])?.first
    #expect((a?["appointments"] as? [String: Any])?["per_slot"] as? Int == 1)
    #expect((a?["remote"] as? [String: Any])?["notify_ahead"] as? Int == 2)
    #expect(restarted.terminate() == 0)
  }

  @Test func simultaneousBookingsNeverOverbookASlot() async throws {
    let server = try ServerProcess(hall: Self.hall)
    let slots = try await server.request("GET", "/api/slots?service=A&date=\(Self.tomorrow())")
    let start = try #require((slots.json as? [[String: Any]])?.last?["start"] as? String)
    let base = server.baseURL
    let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
      for i in 0..<12 {
        group.addTask {
          try await ServerProcess.request(
            base, "POST", "/api/bookings",
            json: ["service": "A", "start": start, "name": "N", "phone": "08120000\(1000 + i)"]
          ).status
        }
      }
      var all: [Int] = []
      for try await status in group { all.append(status) }
      return all
    }
    #expect(statuses.filter { $0 == 201 }.count == 1, "\(statuses)")
    #expect(statuses.filter { $0 == 409 }.count == 11, "\(statuses)")
    #expect(server.terminate() == 0)
  }

  static func tomorrow() -> String {
    let f = DateFormatter()
    f.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
    f.dateFormat = "yyyy-MM-dd"
    return f.string(from: Date().addingTimeInterval(86_400))
  }
}
