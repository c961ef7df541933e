import HallWire
import Foundation
import Testing

@testable import QueueCore

/// The JSON of every event and view, against PROTOCOL.md's shapes (plus the documented
/// compatible additions).
@Suite struct WireShapeTests {
  static let ticketKeys: Set<String> = [
    "id", "number", "service", "state", "priority", "issued_at", "called_at", "counter",
    "calls", "position", "eta_s", "officer", "started_at", "remote", "appointment",
  ]

  func checkTicket(_ t: Any?, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let t = t as? [String: Any] else {
      Issue.record("not a ticket object", sourceLocation: sourceLocation)
      return
    }
    #expect(keys(t) == Self.ticketKeys, sourceLocation: sourceLocation)
    #expect(t["priority"] is Bool, sourceLocation: sourceLocation)
    #expect(t["calls"] is Int, sourceLocation: sourceLocation)
  }

  @Test func waitingTicketJSON() throws {
    let hall = makeHall()
    let t = try hall.issue("A", at: at("2026-11-28", "09:15:02"))
    // The issuer's copy carries the key; every other view of the ticket leaves it out.
    #expect(keys(json(t)) == Self.ticketKeys.union(["key"]))
    let o = json(hall.ticket(id: t.id, at: at("2026-11-28", "09:15:02"))!)
    #expect(keys(o) == Self.ticketKeys)
    #expect(o["id"] as? String == t.id)
    #expect(o["number"] as? String == "A001")
    #expect(o["service"] as? String == "A")
    #expect(o["state"] as? String == "waiting")
    #expect(o["priority"] as? Bool == false)
    #expect(o["issued_at"] as? String == "2026-11-28T09:15:02+07:00")
    #expect(o["called_at"] is NSNull)
    #expect(o["counter"] is NSNull)
    #expect(o["calls"] as? Int == 0)
    #expect(o["position"] as? Int == 1)
    #expect(o["eta_s"] as? Int == 0)  // four counters free: called at once
  }

  @Test func calledTicketJSONHasNoPositionOrEta() throws {
    let hall = makeHall()
    try hall.issue("A", at: monday9)
    let out = try hall.handle(.call(counter: 3, .auto), at: monday9 + seconds(62))
    let o = json(out.ticket!)
    #expect(o["state"] as? String == "called")
    #expect(o["called_at"] as? String == "2026-11-30T09:01:02+07:00")
    #expect(o["counter"] as? Int == 3)
    #expect(o["calls"] as? Int == 1)
    #expect(o["position"] is NSNull && o["eta_s"] is NSNull)
  }

  @Test func issuedEventJSON() throws {
    let hall = makeHall()
    let out = try hall.handle(.issue(service: "B", priority: false), at: monday9)
    let o = json(out.events[0])
    #expect(keys(o) == ["type", "seq", "ticket", "waiting", "at"])
    #expect(o["type"] as? String == "issued" && o["seq"] as? Int == 1)
    #expect(o["at"] as? String == "2026-11-30T09:00:00+07:00")
    checkTicket(o["ticket"])
    let waiting = o["waiting"] as! [String: Any]
    #expect(waiting.count == 3)
    #expect(waiting["A"] as? Int == 0 && waiting["B"] as? Int == 1 && waiting["C"] as? Int == 0)
  }

  @Test func calledEventJSON() throws {
    let hall = makeHall()
    try hall.issue("A", at: monday9)
    let out = try hall.handle(.call(counter: 3, .auto), at: monday9 + 1)
    let o = json(out.events[0])
    #expect(keys(o) == ["type", "seq", "ticket", "counter", "recall", "waiting", "at"])
    #expect(o["type"] as? String == "called")
    let counter = o["counter"] as! [String: Any]
    #expect(keys(counter) == ["id", "name"])
    #expect(counter["id"] as? Int == 3 && counter["name"] as? String == "Loket 3")
    #expect(o["recall"] as? Bool == false)
    checkTicket(o["ticket"])
    let recall = json(try hall.handle(.recall(counter: 3), at: monday9 + 2).events[0])
    #expect(recall["recall"] as? Bool == true)
  }

  @Test func finishedEventJSON() throws {
    let hall = makeHall()
    try hall.issue("A", at: monday9)
    try hall.callNext(1, at: monday9 + 1)
    let o = json(try hall.handle(.done(counter: 1), at: monday9 + 2).events[0])
    #expect(keys(o) == ["type", "seq", "ticket", "waiting", "at"])
    #expect(o["type"] as? String == "finished")
    #expect((o["ticket"] as! [String: Any])["state"] as? String == "done")
  }

  @Test func transferredEventJSON() throws {
    let hall = makeHall()
    try hall.issue("A", at: monday9)
    try hall.callNext(2, at: monday9 + 1)
    let o = json(try hall.handle(.transfer(counter: 2, to: "B"), at: monday9 + 2).events[0])
    #expect(keys(o) == ["type", "seq", "ticket", "from", "waiting", "at", "from_started_at"])
    #expect(o["type"] as? String == "transferred" && o["from"] as? String == "A")
    checkTicket(o["ticket"])
  }

  /// The region computes service times from these, so they keep the millisecond.
  @Test func startTimesTravelToTheMillisecondOnFinishedAndTransferredEvents() throws {
    let hall = makeHall()
    try hall.issue("A", at: at("2026-11-28", "09:15:02"))
    try hall.issue("A", at: at("2026-11-28", "09:15:03"))
    try hall.callNext(1, at: at("2026-11-28", "09:16:00"))
    _ = try hall.handle(.start(counter: 1), at: at("2026-11-28", "09:16:30") + 7)
    let done = json(try hall.handle(.done(counter: 1), at: at("2026-11-28", "09:20:00")).events[0])
    let ticket = done["ticket"] as? [String: Any] ?? [:]
    #expect(ticket["started_at"] as? String == "2026-11-28T09:16:30.007+07:00")
    try hall.callNext(1, at: at("2026-11-28", "09:21:00"))
    _ = try hall.handle(.start(counter: 1), at: at("2026-11-28", "09:21:10") + 250)
    let moved = json(
      try hall.handle(.transfer(counter: 1, to: "B"), at: at("2026-11-28", "09:25:00")).events[0])
    #expect(moved["from_started_at"] as? String == "2026-11-28T09:21:10.250+07:00")
    #expect((moved["ticket"] as? [String: Any])?["started_at"] is NSNull)
  }

  @Test func counterEventAndCounterJSON() throws {
    let hall = makeHall()
    try hall.issue("A", at: monday9)
    try hall.callNext(2, at: monday9 + 1)
    let o = json(try hall.handle(.pause(counter: 2, reason: "sholat"), at: monday9 + 2).events[0])
    #expect(keys(o) == ["type", "seq", "counter", "at"])
    let c = o["counter"] as! [String: Any]
    #expect(keys(c) == ["id", "name", "services", "state", "reason", "ticket", "officer"])
    #expect(c["id"] as? Int == 2 && c["name"] as? String == "Loket 2")
    #expect(c["services"] as? [String] == ["A", "B"])
    #expect(c["state"] as? String == "paused" && c["reason"] as? String == "sholat")
    checkTicket(c["ticket"])
    let idle = json(hall.counterView(1, at: monday9))
    #expect(idle["ticket"] is NSNull && idle["reason"] is NSNull)
  }

  @Test func printEventJSON() throws {
    let hall = makeHall()
    let out = try hall.handle(.issue(service: "A", priority: false, box: "K1"), at: monday9)
    let o = json(out.events[1])
    #expect(keys(o) == ["type", "seq", "job", "box", "ticket", "at"])
    #expect(o["type"] as? String == "print")
    #expect((o["job"] as? String)?.hasPrefix("J") == true && o["job"] as? String != "J2")
    #expect(o["box"] as? String == "K1")
    // The box prints the key in the QR tracking link; the feed's `issued` has none.
    let printed = o["ticket"] as! [String: Any]
    #expect(keys(printed) == Self.ticketKeys.union(["key"]))
    #expect(keys(json(out.events[0])["ticket"] as! [String: Any]) == Self.ticketKeys)
  }

  @Test func serviceJSON() throws {
    let hall = makeHall()
    try hall.issue("C", at: monday9)
    let view = hall.hallView(at: monday9, boxes: [])
    let o = json(view.services[2])
    #expect(
      keys(o) == [
        "id", "name", "name_en", "open", "closed_reason", "opens_at", "waiting", "issued",
        "quota", "target_wait_s", "eta_s", "appointments", "remote",
      ])
    #expect(o["id"] as? String == "C" && o["name"] as? String == "Imigrasi")
    #expect(o["name_en"] as? String == "Imigrasi")
    #expect(o["open"] as? Bool == true && o["closed_reason"] is NSNull && o["opens_at"] is NSNull)
    #expect(o["waiting"] as? Int == 1 && o["issued"] as? Int == 1 && o["quota"] as? Int == 2)
    #expect(o["target_wait_s"] as? Int == 1800 && o["eta_s"] as? Int == 600)
    let a = json(view.services[0])
    #expect(a["quota"] is NSNull && a["name_en"] as? String == "Civil registry")
    let closed = json(hall.hallView(at: at("2026-11-30", "12:10:00"), boxes: []).services[2])
    #expect(closed["open"] as? Bool == false && closed["closed_reason"] as? String == "hours")
    #expect(closed["opens_at"] as? String == "2026-11-30T13:00:00+07:00")
  }

  @Test func hallJSON() throws {
    let hall = makeHall()
    let o = json(
      hall.hallView(
        at: monday9, boxes: [BoxStatus(id: "K1", connected: true, printer: .paperLow)]))
    #expect(
      keys(o) == [
        "name", "date", "services", "counters", "boxes", "utc_offset", "ticker", "footer",
        "voice", "public_url",
      ])
    #expect(o["name"] as? String == "Test Hall" && o["date"] as? String == "2026-11-30")
    #expect((o["services"] as! [Any]).count == 3 && (o["counters"] as! [Any]).count == 5)
    let box = (o["boxes"] as! [[String: Any]])[0]
    #expect(keys(box) == ["id", "connected", "printer"])
    #expect(box["printer"] as? String == "paper_low" && box["connected"] as? Bool == true)
    #expect(o["utc_offset"] as? String == "+07:00" && o["voice"] as? [String] == ["id"])
  }

  @Test func snapshotJSON() throws {
    let hall = makeHall()
    for i in 0..<12 { try hall.issue("A", at: monday9 + Int64(i)) }
    for i in 0..<12 { try hall.callNext(1, at: monday9 + minutes(Int64(i + 1))) }
    _ = try hall.handle(.recall(counter: 1), at: monday9 + minutes(20))
    let o = json(hall.snapshot(at: monday9 + minutes(20), boxes: []))
    #expect(keys(o) == ["type", "seq", "hall", "recent_calls"])
    #expect(o["type"] as? String == "snapshot" && o["seq"] as? Int == Int(hall.lastSeq))
    let calls = o["recent_calls"] as! [[String: Any]]
    #expect(calls.count == 10)
    #expect(keys(calls[0]) == ["number", "counter", "at"])
    #expect(calls.map { $0["number"] as! String } == (3...12).reversed().map { "A0\(pad2($0))" })
    #expect(calls[0]["counter"] as? Int == 1)
    #expect(calls[0]["at"] as? String == "2026-11-30T09:20:00+07:00")  // the recall
  }

  @Test func eventsEncodeAsOneLineOfJSON() throws {
    let hall = makeHall()
    let out = try hall.handle(.issue(service: "A", priority: false), at: monday9)
    let text = out.events[0].jsonString
    #expect(text.hasPrefix("{") && text.contains("\"type\":\"issued\""))
    #expect(!text.contains("\n"))
  }
}
