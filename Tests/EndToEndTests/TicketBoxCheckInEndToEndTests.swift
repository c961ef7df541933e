import Foundation
import Testing

/// `#CODE` typed at `antre ticketbox`: the booking's ticket printed on the fake printer.
@Suite(.serialized) struct TicketBoxCheckInEndToEndTests {
  func book(_ server: ServerProcess, date: String, index: Int, phone: String) async throws
    -> (code: String, start: String)
  {
    let slots = try await server.request("GET", "/api/slots?service=A&date=\(date)")
    let list = try #require(slots.json as? [[String: Any]])
    let start = try #require(list[min(index, list.count - 1)]["start"] as? String)
    let made = try await server.request(
      "POST", "/api/bookings",
      json: ["service": "A", "start": start, "name": "Budi", "phone": phone])
    let booking = try #require(made.object["booking"] as? [String: Any], "\(made.object)")
    return (try #require(booking["code"] as? String), start)
  }

  @Test func aTypedCodePrintsTheAppointmentTicketAndRefusalsAreSaidInIndonesian() async throws {
    let server = try ServerProcess(hall: BookingEndToEndTests.hall)
    let printer = try FakePrinter(directory: server.directory)
    let box = try TicketBoxProcess(
      server: server.baseURL, printer: printer.address, directory: server.directory, name: "box")
    #expect(try await eventually { try await server.boxConnected() })

    var today = BookingEndToEndTests.today()
    let todays = try await server.request("GET", "/api/slots?service=A&date=\(today)")
    if (todays.json as? [Any] ?? []).isEmpty { today = BookingEndToEndTests.tomorrow() }
    let now = try await book(server, date: today, index: 0, phone: "081200000001")
    // Tomorrow at 10:00 at the earliest: far from check-in.
    let later = try await book(
      server, date: BookingEndToEndTests.tomorrow(), index: 40, phone: "081200000002")

    box.send(line: "#" + now.code.lowercased())
    #expect(try await eventually { printer.count("A001") == 1 }, "\(box.logs)")
    #expect(printer.count("Janji temu") == 1)
    box.send(line: "#\(later.code)")
    box.send(line: "#K7MQ0C")
    box.closeInput()
    #expect(box.waitForExit(timeout: 30) == 0, "\(box.logs)")
    #expect(box.logs.contains("check-in #\(later.code) ditolak: Check-in janji temu ini dibuka"))
    #expect(box.logs.contains("(too_early)"), "\(box.logs)")
    #expect(box.logs.contains("`#K7MQ0C` bukan kode janji temu"), "\(box.logs)")
    #expect(printer.count("NOMOR ANTREAN") == 1)
  }
}
