import Foundation
import Testing

/// Officers, the survey and reports against a real `antre serve` (issue 12).
@Suite(.serialized) struct OfficersEndToEndTests {
  let admin = "admin-secret"

  @Test func officerSignsInCallsAndIsRecordedOnTheTicketAndTheCounter() async throws {
    let server = try ServerProcess()
    let added = try await server.request(
      "POST", "/api/officers", token: admin,
      json: ["id": "198506212010011001", "name": "Sari Dewi"])
    #expect(added.status == 201)
    let pin = try #require(added.object["pin"] as? String)
    #expect(pin.count == 6 && pin.allSatisfy(\.isNumber))
    let officer = added.object["officer"] as? [String: Any]
    #expect(officer?["active"] as? Bool == true && officer?["name"] as? String == "Sari Dewi")
    #expect(!String(decoding: added.body, as: UTF8.self).contains("pbkdf2"))

    let dup = try await server.request(
      "POST", "/api/officers", token: admin, json: ["id": "198506212010011001", "name": "X"])
    #expect(dup.status == 409 && dup.errorCode == "conflict")
    let byCounter = try await server.request(
      "POST", "/api/officers", token: "c1-secret", json: ["id": "x", "name": "X"])
    #expect(byCounter.status == 403)

    let wrong = try await server.request(
      "POST", "/api/counters/1/signin", token: "c1-secret",
      json: ["officer": "198506212010011001", "pin": pin == "000000" ? "000001" : "000000"])
    #expect(wrong.status == 401 && wrong.errorCode == "bad_pin")
    let otherCounter = try await server.request(
      "POST", "/api/counters/1/signin", token: "c2-secret",
      json: ["officer": "198506212010011001", "pin": pin])
    #expect(otherCounter.status == 403)
    let signed = try await server.request(
      "POST", "/api/counters/1/signin", token: "c1-secret",
      json: ["officer": "198506212010011001", "pin": pin])
    #expect(signed.status == 200)
    #expect((signed.object["officer"] as? [String: Any])?["name"] as? String == "Sari Dewi")

    let hall = try await server.request("GET", "/api/hall")
    let counters = hall.object["counters"] as? [[String: Any]] ?? []
    #expect(
      (counters.first?["officer"] as? [String: Any])?["id"] as? String == "198506212010011001")
    #expect(counters.last?["officer"] is NSNull)

    let t = try await server.request(
      "POST", "/api/tickets", token: "k1-secret", json: ["service": "A"])
    let id = try #require(t.object["id"] as? String)
    let called = try await server.request("POST", "/api/counters/1/call", token: "c1-secret")
    #expect((called.object["officer"] as? [String: Any])?["name"] as? String == "Sari Dewi")

    // The survey: only once the ticket is done, only once, only with nine answers of 1–4.
    let answers: [String: Any] = [
      "u1": 4, "u2": 3, "u3": 3, "u4": 4, "u5": 3, "u6": 4, "u7": 4, "u8": 3, "u9": 2,
      "comment": "Ramah", "respondent": ["gender": "P", "age": "30-39"],
    ]
    let early = try await server.request(
      "POST", "/api/tickets/\(id)/survey", token: "c1-secret", json: answers)
    #expect(early.status == 409 && early.errorCode == "conflict")
    _ = try await server.request("POST", "/api/counters/1/done", token: "c1-secret")
    var bad = answers
    bad["u9"] = 5
    let outOfRange = try await server.request(
      "POST", "/api/tickets/\(id)/survey", token: "c1-secret", json: bad)
    #expect(outOfRange.status == 400 && outOfRange.errorCode == "bad_request")
    bad["u9"] = nil
    let missing = try await server.request(
      "POST", "/api/tickets/\(id)/survey", token: "c1-secret", json: bad)
    #expect(missing.status == 400)
    let notTheirs = try await server.request(
      "POST", "/api/tickets/\(id)/survey", token: "c2-secret", json: answers)
    #expect(notTheirs.status == 403)
    let ok = try await server.request(
      "POST", "/api/tickets/\(id)/survey", token: "c1-secret", json: answers)
    #expect(ok.status == 201)
    let twice = try await server.request(
      "POST", "/api/tickets/\(id)/survey", token: "c1-secret", json: answers)
    #expect(twice.status == 409 && twice.errorCode == "already_answered")

    // 31 answers over 9 elements: 25 × 30 / 9 = 83.33, band B.
    let ikm = try await server.request("GET", "/api/ikm", token: admin)
    #expect(ikm.status == 200)
    #expect(ikm.object["respondents"] as? Int == 1)
    #expect(ikm.object["ikm"] as? Double == 83.33 && ikm.object["band"] as? String == "B")
    #expect(ikm.object["label"] as? String == "Baik" && ikm.object["min_sample"] as? Int == 1)
    #expect((ikm.object["elements"] as? [String: Any])?["u1"] as? Double == 4)
    let byOfficer = ikm.object["by_officer"] as? [[String: Any]]
    #expect(byOfficer?.first?["officer"] as? String == "198506212010011001")

    let stats = try await server.request("GET", "/api/stats", token: admin)
    let officers = stats.object["officers"] as? [[String: Any]] ?? []
    #expect(officers.first?["served"] as? Int == 1 && officers.first?["ikm"] as? Double == 83.33)
    let services = stats.object["services"] as? [[String: Any]] ?? []
    #expect((services.first?["arrivals_by_hour"] as? [Int])?.reduce(0, +) == 1)
    #expect(services.first?["within_target"] as? Double == 1)

    // Signing out; removing the officer keeps history but refuses sign-in.
    let out = try await server.request("POST", "/api/counters/1/signout", token: "c1-secret")
    #expect(out.object["officer"] is NSNull)
    let removed = try await server.request(
      "DELETE", "/api/officers/198506212010011001", token: admin)
    #expect(removed.status == 200 && removed.object["active"] as? Bool == false)
    let again = try await server.request(
      "POST", "/api/counters/1/signin", token: "c1-secret",
      json: ["officer": "198506212010011001", "pin": pin])
    #expect(again.status == 401)
    let list = try await server.request("GET", "/api/officers", token: admin)
    #expect((list.json as? [[String: Any]])?.count == 1)
    _ = server.terminate()
  }

  @Test func officersAndAnswersSurviveARestart() async throws {
    let first = try ServerProcess()
    let added = try await first.request(
      "POST", "/api/officers", token: admin, json: ["id": "budi", "name": "Budi"])
    let pin = try #require(added.object["pin"] as? String)
    _ = try await first.request(
      "POST", "/api/counters/2/signin", token: "c2-secret", json: ["officer": "budi", "pin": pin])
    let t = try await first.request(
      "POST", "/api/tickets", token: "k1-secret", json: ["service": "B"])
    let id = try #require(t.object["id"] as? String)
    _ = try await first.request("POST", "/api/counters/2/call", token: "c2-secret")
    _ = try await first.request("POST", "/api/counters/2/done", token: "c2-secret")
    let answers: [String: Any] = [
      "u1": 1, "u2": 1, "u3": 1, "u4": 1, "u5": 1, "u6": 1, "u7": 1, "u8": 1, "u9": 1,
    ]
    #expect(
      try await first.request(
        "POST", "/api/tickets/\(id)/survey", token: "c2-secret", json: answers
      ).status
        == 201)
    _ = first.terminate()

    let second = try ServerProcess(reuse: first.directory)
    let hall = try await second.request("GET", "/api/hall")
    let c2 = (hall.object["counters"] as? [[String: Any]])?.last
    #expect((c2?["officer"] as? [String: Any])?["id"] as? String == "budi")
    let twice = try await second.request(
      "POST", "/api/tickets/\(id)/survey", token: "c2-secret", json: answers)
    #expect(twice.errorCode == "already_answered")
    let newPin = try await second.request("POST", "/api/officers/budi/pin", token: admin)
    #expect(newPin.status == 200 && (newPin.object["pin"] as? String)?.count == 6)
    let old = try await second.request(
      "POST", "/api/counters/2/signin", token: "c2-secret", json: ["officer": "budi", "pin": pin])
    #expect(old.status == 401 || (newPin.object["pin"] as? String) == pin)
    let ikm = try await second.request("GET", "/api/ikm", token: admin)
    #expect(ikm.object["ikm"] as? Double == 25 && ikm.object["band"] as? String == "D")
    _ = second.terminate()
  }

  /// As many fields as the header of `stats.csv` has.
  static let csvColumns = 18

  @Test func reportRangesAreCheckedAndCSVCanUseSemicolons() async throws {
    let server = try ServerProcess()
    _ = try await server.request("POST", "/api/tickets", token: "k1-secret", json: ["service": "A"])
    let tooLong = try await server.request(
      "GET", "/api/stats?from=2025-01-01&to=2026-01-02", token: admin)
    #expect(tooLong.status == 400 && tooLong.errorCode == "bad_request")
    let reversed = try await server.request(
      "GET", "/api/ikm?from=2026-02-01&to=2026-01-01", token: admin)
    #expect(reversed.status == 400)
    let badDate = try await server.request("GET", "/api/stats?date=2026-02-30", token: admin)
    #expect(badDate.status == 400)
    let noToken = try await server.request("GET", "/api/ikm")
    #expect(noToken.status == 401)
    let year = try await server.request(
      "GET", "/api/stats?from=2025-12-01&to=2026-11-30", token: admin)
    #expect(year.status == 200 && year.object["from"] as? String == "2025-12-01")
    #expect((year.object["by_day"] as? [Any])?.count == 365)

    let plain = try await server.request("GET", "/api/stats.csv", token: admin)
    #expect(plain.body.first == UInt8(ascii: "d"))
    let semi = try await server.request("GET", "/api/stats.csv?sep=;", token: admin)
    #expect(Array(semi.body.prefix(3)) == [0xEF, 0xBB, 0xBF])
    let text = String(decoding: semi.body.dropFirst(3), as: UTF8.self)
    #expect(text.hasPrefix("date;number;service;"))
    #expect(text.split(separator: "\r\n").count == 2)
    #expect(
      text.split(separator: "\r\n")[1].split(separator: ";", omittingEmptySubsequences: false).count
        == Self.csvColumns)
    _ = server.terminate()
  }

  @Test func requireOfficerRefusesCallsWithNoOfficer() async throws {
    let server = try ServerProcess(hall: ServerProcess.testHall + "\nrequire_officer: true\n")
    _ = try await server.request("POST", "/api/tickets", token: "k1-secret", json: ["service": "A"])
    let call = try await server.request("POST", "/api/counters/1/call", token: "c1-secret")
    #expect(call.status == 409 && call.errorCode == "no_officer")
    _ = server.terminate()
  }

  @Test func reportCommandReadsTheDatabase() async throws {
    let server = try ServerProcess()
    _ = try await server.request("POST", "/api/tickets", token: "k1-secret", json: ["service": "A"])
    _ = try await server.request("POST", "/api/counters/1/call", token: "c1-secret")
    _ = try await server.request("POST", "/api/counters/1/done", token: "c1-secret")
    let config = server.directory.appendingPathComponent("hall.yaml").path
    let table = try OfficerCLI.run(["report", "--db", server.dbPath, "--config", config])
    #expect(table.out.contains("Test Hall") && table.out.contains("dilayani 1"))
    let csv = try OfficerCLI.run(
      ["report", "--db", server.dbPath, "--config", config, "--format", "csv"])
    #expect(csv.out.hasPrefix("\u{FEFF}jenis;id;nama"))
    let html = try OfficerCLI.run(
      ["report", "--db", server.dbPath, "--config", config, "--format", "html"])
    #expect(html.out.contains("<svg") && html.out.contains("Laporan Pelayanan — Test Hall"))
    let bad = try OfficerCLI.run(
      ["report", "--db", server.dbPath, "--config", config, "--from", "2026-13-01"])
    #expect(bad.status != 0 && bad.err.contains("YYYY-MM-DD"))
    _ = server.terminate()
  }
}

/// The officer-account commands as a user runs them.
@Suite(.serialized) struct OfficerAccountCommandsEndToEndTests {
  @Test func adminAddsAnOfficerWhoSignsInAndOutWithTheCLI() async throws {
    let server = try ServerProcess()
    let admin = OfficerCLI.environment(extra: [
      "ANTRE_SERVER": server.baseURL, "ANTRE_TOKEN": "admin-secret",
    ])
    let added = try OfficerCLI.run(
      ["officers", "add", "--id", "sari", "--name", "Sari Dewi"], environment: admin)
    #expect(added.status == 0)
    #expect(added.lines.first == "Petugas Sari Dewi (sari) ditambahkan.")
    let pin = String(try #require(added.lines.last?.split(separator: " ").dropFirst().first))
    #expect(pin.count == 6)
    let list = try OfficerCLI.run(["officers", "list"], environment: admin)
    #expect(list.lines == ["sari  Sari Dewi"])

    let counter = OfficerCLI.environment(
      extra: ["ANTRE_SERVER": server.baseURL, "ANTRE_COUNTER": "1", "ANTRE_TOKEN": "c1-secret"])
    let wrong = try OfficerCLI.run(
      ["signin", "--officer", "sari", "--pin", pin == "111111" ? "222222" : "111111"],
      environment: counter)
    #expect(wrong.status == 1 && wrong.err.contains("PIN salah"))
    let signed = try OfficerCLI.run(
      ["signin", "--officer", "sari", "--pin", pin], environment: counter)
    #expect(signed.status == 0 && signed.lines == ["Sari Dewi masuk di Loket 1."])
    let english = try OfficerCLI.run(["signout", "--lang", "en"], environment: counter)
    #expect(english.lines == ["No officer at Loket 1 now."])

    let newPin = try OfficerCLI.run(["officers", "pin", "sari", "--json"], environment: admin)
    #expect(newPin.status == 0 && newPin.out.contains("\"pin\""))
    let removed = try OfficerCLI.run(["officers", "remove", "sari"], environment: admin)
    #expect(
      removed.lines == ["Petugas Sari Dewi (sari) dinonaktifkan; riwayatnya tetap tersimpan."])
    let missing = try OfficerCLI.run(["officers", "remove", "budi"], environment: admin)
    #expect(missing.status == 1 && missing.err.contains("tidak ditemukan"))
    let noToken = try OfficerCLI.run(
      ["officers", "list"],
      environment: OfficerCLI.environment(extra: ["ANTRE_SERVER": server.baseURL]))
    #expect(noToken.status != 0)
    _ = server.terminate()
  }
}

@Suite(.serialized) struct ReportFromServerEndToEndTests {
  @Test func reportCommandAsksTheServerWithTheAdminToken() async throws {
    let server = try ServerProcess()
    _ = try await server.request("POST", "/api/tickets", token: "k1-secret", json: ["service": "A"])
    let env = OfficerCLI.environment(extra: [
      "ANTRE_SERVER": server.baseURL, "ANTRE_TOKEN": "admin-secret",
    ])
    let table = try OfficerCLI.run(["report"], environment: env)
    #expect(
      table.status == 0 && table.out.contains("Test Hall") && table.out.contains("Diterbitkan 1"))
    let html = try OfficerCLI.run(["report", "--format", "html"], environment: env)
    #expect(html.out.hasPrefix("<!doctype html>") && html.out.contains("<svg"))
    let csv = try OfficerCLI.run(["report", "--format", "csv"], environment: env)
    #expect(csv.out.hasPrefix("\u{FEFF}jenis;"))
    let tooLong = try OfficerCLI.run(
      ["report", "--from", "2024-01-01", "--to", "2026-01-01"], environment: env)
    #expect(tooLong.status == 2 && tooLong.err.contains("366"))
    let badToken = try OfficerCLI.run(
      ["report"],
      environment: OfficerCLI.environment(extra: [
        "ANTRE_SERVER": server.baseURL, "ANTRE_TOKEN": "c1-secret",
      ]))
    #expect(badToken.status == 1 && badToken.err.contains("403"))
    let page = try await server.request("GET", "/api/report?format=html", token: "admin-secret")
    #expect(page.headers["content-type"]?.hasPrefix("text/html") == true)
    _ = server.terminate()
  }
}
