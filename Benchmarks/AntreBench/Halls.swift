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

/// What the bare responder writes to its screens: a `called` event the size of Antre's.
let calledEventForBare =
  #"{"type":"called","seq":1234,"ticket":{"id":"79f0d914ef562d94f8020dc95ed26c06","#
  + #""number":"A012","service":"A","state":"called","priority":false,"#
  + #""issued_at":"2026-11-28T09:15:02+07:00","called_at":"2026-11-28T09:25:02+07:00","#
  + #""counter":1,"calls":1,"position":null,"eta_s":null},"#
  + #""counter":{"id":1,"name":"Loket 1"},"recall":false,"waiting":{"A":5,"B":0,"C":2,"D":7}}"#

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
