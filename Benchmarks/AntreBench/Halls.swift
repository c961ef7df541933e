/// The hall every load runs against: no opening hours (always open), no quotas, eight
/// counters over four services, and known tokens.
let benchHall = """
  name: Bench Hall
  timezone: Asia/Jakarta
  admin_token: admin-secret
  priority_weight: 3
  services:
    - {id: A, name: Kependudukan, target_wait_s: 900, mean_service_s: 300}
    - {id: B, name: Perizinan, target_wait_s: 900, mean_service_s: 300}
    - {id: C, name: Pajak Daerah, target_wait_s: 900, mean_service_s: 300}
    - {id: D, name: Kesehatan, target_wait_s: 900, mean_service_s: 300}
  counters:
    - {id: 1, name: Loket 1, services: [A, B], token: c1-secret}
    - {id: 2, name: Loket 2, services: [A, B], token: c2-secret}
    - {id: 3, name: Loket 3, services: [B, C], token: c3-secret}
    - {id: 4, name: Loket 4, services: [B, C], token: c4-secret}
    - {id: 5, name: Loket 5, services: [C, D], token: c5-secret}
    - {id: 6, name: Loket 6, services: [C, D], token: c6-secret}
    - {id: 7, name: Loket 7, services: [D, A], token: c7-secret}
    - {id: 8, name: Loket 8, services: [D, A], token: c8-secret}
  kiosks:
    - {id: K1, token: k1-secret}
  """

/// The hall matching `store-bench history`: services A–F and counters 1–12.
let historyHall: String = {
  var text = """
    name: History Hall
    timezone: Asia/Jakarta
    admin_token: admin-secret
    services:

    """
  for id in ["A", "B", "C", "D", "E", "F"] {
    text += "  - {id: \(id), name: Layanan \(id), target_wait_s: 900, mean_service_s: 300}\n"
  }
  text += "counters:\n"
  for id in 1...12 {
    text +=
      "  - {id: \(id), name: Loket \(id), services: [A, B, C, D, E, F], token: c\(id)-secret}\n"
  }
  text += "kiosks:\n  - {id: K1, token: k1-secret}\n"
  return text
}()

/// What the bare responder writes to every screen for one call: Antre's two events for a
/// call-next that finishes the counter's previous ticket, `finished` then `called`, as Antre
/// encodes them (same fields and sizes), one frame per line.
let callEventsForBare =
  #"{"seq":5,"ticket":{"eta_s":null,"issued_at":"2026-11-29T08:03:54+07:00","service":"A","#
  + #""called_at":"2026-11-29T08:03:54+07:00","counter":1,"id":"1aadecbc1abd98c96282b1fd54485417","#
  + #""number":"A001","calls":1,"state":"done","position":null,"priority":false},"#
  + #""waiting":{"D":0,"B":0,"A":2,"C":0},"type":"finished","at":"2026-11-29T08:03:55+07:00"}"#
  + "\n"
  + #"{"waiting":{"C":0,"A":1,"B":0,"D":0},"counter":{"id":1,"name":"Loket 1"},"type":"called","#
  + #""ticket":{"eta_s":null,"number":"A002","service":"A","called_at":"2026-11-29T08:03:55+07:00","#
  + #""priority":false,"issued_at":"2026-11-29T08:03:54+07:00","counter":1,"position":null,"#
  + #""id":"ad5e14f5dbae8c0afa4d9602ad3da3f4","state":"called","calls":1},"seq":6,"#
  + #""at":"2026-11-29T08:03:55+07:00","recall":false}"#

/// wrk's requests: tickets for services A–D in turn, with the admin token (a kiosk token is
/// rate-limited to a person's pace, by design).
let ticketScript = """
  local bodies = {}
  for i, service in ipairs({"A", "B", "C", "D"}) do
    bodies[i] = wrk.format("POST", "/api/tickets", {
      ["Content-Type"] = "application/json",
      ["Authorization"] = "Bearer admin-secret",
    }, '{"service":"' .. service .. '","priority":false}')
  end
  local next = 0
  request = function()
    next = next % 4 + 1
    return bodies[next]
  end
  """
