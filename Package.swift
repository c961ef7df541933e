// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "Antre",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "antre", targets: ["antre"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
  ],
  targets: [
    // C libraries: each is imported by exactly one Swift module.
    .systemLibrary(
      name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
    .systemLibrary(
      name: "CLibevent", pkgConfig: "libevent", providers: [.apt(["libevent-dev"])]),
    .systemLibrary(name: "CWslay", providers: [.apt(["libwslay-dev"])]),

    // Wrappers over the C libraries.
    .target(
      name: "Reactor",
      dependencies: ["CLibevent", "HTTP", .product(name: "Logging", package: "swift-log")]),
    .target(name: "WebSocket", dependencies: ["CWslay"]),
    .target(name: "Storage", dependencies: ["CSQLite"]),

    // Pure modules: no I/O.
    .target(name: "HTTP"),
    .target(
      name: "QueueCore", dependencies: [.product(name: "Yams", package: "Yams")],
      exclude: ["HallFile.md"]),
    .target(name: "EscPos"),
    // `antre simulate`: the real QueueCore on a virtual clock.
    .target(
      name: "Simulator", dependencies: ["QueueCore", .product(name: "Yams", package: "Yams")]),
    .target(name: "Terminal"),

    // Wiring and clients.
    .target(
      name: "Server",
      dependencies: [
        "Reactor", "HTTP", "WebSocket", "QueueCore", "Storage",
        .product(name: "Logging", package: "swift-log"),
      ]),
    .target(name: "FeedClient", dependencies: ["Reactor", "WebSocket"]),
    .target(
      name: "Officer",
      dependencies: [
        "Reactor", "HTTP", "WebSocket", "FeedClient", "Terminal",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      exclude: ["OFFICER.md"]),
    .target(
      name: "TicketBox",
      dependencies: [
        "Reactor", "WebSocket", "FeedClient", "EscPos",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .executableTarget(
      name: "antre",
      dependencies: [
        "Server", "Officer", "TicketBox", "QueueCore", "Storage", "Simulator",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ]),

    // Measures the store's commit rate: group commit against one transaction per ticket.
    .executableTarget(name: "store-bench", dependencies: ["Storage"], path: "Benchmarks/StoreBench"),

    // antre-bench (issue #7): times `antre serve` against a bare libevent responder, both
    // driven by bench-load (C over epoll, so the load client is not what is measured).
    .executableTarget(name: "antre-bench", path: "Benchmarks/AntreBench"),
    .executableTarget(
      name: "bare-responder", path: "Benchmarks/BareResponder",
      linkerSettings: [.linkedLibrary("event")]),
    .executableTarget(name: "bench-load", path: "Benchmarks/BenchLoad"),

    // Tests: unit (pure), component (fake connections), end-to-end (real `antre serve`).
    .testTarget(name: "QueueCoreTests", dependencies: ["QueueCore"]),
    .testTarget(
      name: "SimulatorTests", dependencies: ["Simulator", "QueueCore"],
      exclude: ["Support/ciw_day.py"]),
    .testTarget(name: "StorageTests", dependencies: ["Storage", "store-bench"]),
    .testTarget(name: "HTTPTests", dependencies: ["HTTP"]),
    .testTarget(name: "ReactorTests", dependencies: ["Reactor", "HTTP"]),
    .testTarget(name: "WebSocketTests", dependencies: ["WebSocket"]),
    .testTarget(name: "EscPosTests", dependencies: ["EscPos"], exclude: ["Golden"]),
    .testTarget(name: "ServerTests", dependencies: ["Server", "QueueCore", "Storage", "HTTP", "WebSocket"]),
    .testTarget(name: "OfficerTests", dependencies: ["Officer", "Terminal"]),
    .testTarget(name: "TicketBoxTests", dependencies: ["TicketBox", "EscPos"]),
    .testTarget(name: "EndToEndTests", dependencies: ["antre"]),
    .testTarget(name: "DisplaysTests"),
  ]
)
