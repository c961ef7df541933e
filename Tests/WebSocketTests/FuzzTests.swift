import SeededRandom
import Testing

@testable import WebSocket

/// Random streams and mutated valid frames never crash a session, never make it emit events
/// after its final one, and leave it reporting a consistent state.
@Test(arguments: [WebSocketSession.Role.server, .client])
func randomBytesNeverBreakASession(role: WebSocketSession.Role) {
  var random = SeededRandom(seed: 0x616E_7472_65)
  let seeds: [[UInt8]] = [
    clientText("Hello"),
    clientFrame(opcode: 0x1, payload: Array("Hel".utf8), fin: false)
      + clientFrame(opcode: 0x0, payload: Array("lo".utf8)),
    clientFrame(opcode: 0x9, payload: [1, 2, 3]),
    clientFrame(opcode: 0x8, payload: [0x03, 0xE8, 0x6F, 0x6B]),
    clientFrame(opcode: 0x1, payload: [UInt8](repeating: 0x7A, count: 300)),
  ]
  for round in 0..<2000 {
    var stream: [UInt8]
    if round % 2 == 0 {
      let count = Int.random(in: 0...400, using: &random)
      stream = (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
    } else {
      stream = (0..<Int.random(in: 1...4, using: &random)).flatMap { _ in
        seeds.randomElement(using: &random)!
      }
      for _ in 0..<Int.random(in: 1...4, using: &random) {
        let index = Int.random(in: 0..<stream.count, using: &random)
        stream[index] ^= UInt8.random(in: 1...255, using: &random)
      }
    }
    let session = WebSocketSession(role: role, maxMessageBytes: 4096)
    var finals = 0
    var index = 0
    while index < stream.count {
      let end = min(stream.count, index + Int.random(in: 1...64, using: &random))
      for event in session.receive(Array(stream[index..<end])) {
        switch event {
        case .closed, .failed: finals += 1
        default: #expect(finals == 0, "event after the final one in round \(round)")
        }
      }
      index = end
    }
    #expect(finals <= 1, "round \(round)")
    #expect(finals == 0 || !session.wantsRead, "round \(round)")
    #expect(parseFrames(session.takeOutput()) != nil, "round \(round): output ends mid-frame")
  }
}
