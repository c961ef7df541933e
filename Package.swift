// swift-tools-version:6.0
import CompilerPluginSupport
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
    // For the one macro, @PublicInit; the version that matches the Swift 6.3 toolchain.
    .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.0"),
  ],
  targets: [
    // C libraries: each is imported by exactly one Swift module.
    .systemLibrary(
      name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
    .systemLibrary(
      name: "CLibevent", pkgConfig: "libevent", providers: [.apt(["libevent-dev"])]),
    .systemLibrary(name: "CWslay", providers: [.apt(["libwslay-dev"])]),
    .systemLibrary(
      name: "CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
    .systemLibrary(name: "CLibpq", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
    .systemLibrary(
      name: "CLibcrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

    // Wrappers over the C libraries.
    .target(
      name: "Reactor",
      dependencies: ["CLibevent", "HTTP"]),
    .target(name: "WebSocket", dependencies: ["CWslay"]),
    // Persists QueueCore's records (and the notices outbox) as they are: no row types of its own.
    .target(
      name: "Storage",
      dependencies: ["InitMacros", "CSQLite", "HallWire", "QueueCore", "PinHash", "Notices"]),
    .target(name: "QRCode", dependencies: ["CQRencode"]),
    .target(name: "Postgres", dependencies: ["InitMacros", "CLibpq", "Reactor"]),
    // Officers' PINs: PBKDF2-HMAC-SHA256 from OpenSSL's libcrypto.
    .target(name: "PinHash", dependencies: ["InitMacros", "CLibcrypto"]),

    // @PublicInit: the public memberwise init of a struct that other modules build.
    .macro(
      name: "InitMacrosPlugin",
      dependencies: [
        .product(name: "SwiftSyntaxMacros", package: "swift-syntax"),
        .product(name: "SwiftCompilerPlugin", package: "swift-syntax"),
      ]),
    .target(name: "InitMacros", dependencies: ["InitMacrosPlugin"]),

    // Pure modules: no I/O.
    .target(name: "HTTP", dependencies: ["InitMacros", "HallWire"]),
    // The hall's objects and messages as they travel, civil time and RFC 3339: declared once.
    .target(name: "HallWire", dependencies: ["InitMacros"]),
    .target(name: "QueueCore", dependencies: ["InitMacros", "HallWire", "PinHash"]),
    // The hall file: YAML walked with key paths, validated into QueueCore's HallConfig.
    .target(
      name: "HallYAML",
      dependencies: [
        "InitMacros", "HallWire", "QueueCore", .product(name: "Yams", package: "Yams"),
      ]),
    .target(name: "Wording"),
    // Notices to the hall's SMS/WhatsApp gateway: bodies and the outbox's retry policy.
    .target(name: "Notices", dependencies: ["InitMacros", "HallWire", "Wording"]),
    .target(name: "EscPos", dependencies: ["InitMacros", "HallWire", "QRCode", "Wording"]),
    // `antre simulate`: the real QueueCore on a virtual clock.
    .target(
      name: "Simulator",
      dependencies: [
        "InitMacros", "HallWire", "QueueCore", "HallYAML", .product(name: "Yams", package: "Yams"),
      ]),
    .target(name: "Terminal"),

    // Wiring and clients.
    .target(
      name: "Server",
      dependencies: [
        "InitMacros",
        "Reactor", "HTTP", "WebSocket", "HallWire", "QueueCore", "HallYAML", "Storage", "Central",
        "PinHash",
        "Reports", "QRCode", "Notices",
        .product(name: "Logging", package: "swift-log"),
      ]),
    // Regional aggregation: the hall's shipper and `antre central`.
    .target(
      name: "Central",
      dependencies: [
        "InitMacros",
        "Postgres", "Storage", "HallWire", "QueueCore", "Reactor", "HTTP",
        .product(name: "Logging", package: "swift-log"),
      ]),
    // Reports over a period (issue 12): read from the store, rendered as text, CSV or HTML.
    .target(name: "Reports", dependencies: ["HallWire", "QueueCore", "Storage"]),
    .target(name: "FeedClient", dependencies: ["HTTP", "Reactor", "WebSocket"]),
    .target(
      name: "Officer",
      dependencies: [
        "InitMacros",
        "Reactor", "HTTP", "HallWire", "WebSocket", "FeedClient", "Terminal", "Wording",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .target(
      name: "TicketBox",
      dependencies: [
        "InitMacros",
        "HTTP", "HallWire", "Reactor", "WebSocket", "FeedClient", "EscPos", "QRCode", "Wording",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .executableTarget(
      name: "antre",
      dependencies: [
        "Server", "Officer", "TicketBox", "QueueCore", "HallYAML", "Storage", "Central", "Reports",
        "Simulator",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ]),

    // Measures the store's commit rate: group commit against one transaction per ticket.
    .executableTarget(
      name: "store-bench", dependencies: ["Storage", "QueueCore", "HallWire"],
      path: "Benchmarks/StoreBench"),

    // antre-bench (issue #7): times `antre serve` against a bare libevent responder, both
    // driven by bench-load (C over epoll, so the load client is not what is measured).
    .executableTarget(name: "antre-bench", path: "Benchmarks/AntreBench"),
    .executableTarget(
      name: "bare-responder", path: "Benchmarks/BareResponder",
      linkerSettings: [.linkedLibrary("event")]),
    .executableTarget(name: "bench-load", path: "Benchmarks/BenchLoad"),
    // Times a report over a year of history (issue 12): `report-bench DB HALL FROM TO`.
    .executableTarget(
      name: "report-bench", dependencies: ["QueueCore", "HallYAML", "Reports", "Storage"],
      path: "Benchmarks/ReportBench"),
    // The durable yardstick of the ticket rows: libevent + SQLite, group commit, nothing else.
    .executableTarget(
      name: "bare-issuer", path: "Benchmarks/BareIssuer",
      linkerSettings: [.linkedLibrary("event"), .linkedLibrary("sqlite3")]),
    // central-bench (issue #14): shipping throughput and catch-up after an outage.
    .executableTarget(
      name: "central-bench",
      dependencies: [
        "Central", "HallWire", "QueueCore", "HallYAML", "Storage",
        .product(name: "Logging", package: "swift-log"),
      ],
      path: "Benchmarks/CentralBench", exclude: ["region-year.sh", "region-year.sql"]),

    // Tests: unit (pure), component (fake connections), end-to-end (real `antre serve`).
    .testTarget(
      name: "QueueCoreTests",
      dependencies: ["HallWire", "QueueCore", "HallYAML", "PinHash", "Reports", "SeededRandom"]),
    .testTarget(
      name: "SimulatorTests", dependencies: ["Simulator", "HallWire", "QueueCore", "HallYAML"],
      exclude: ["Support/ciw_day.py"]),
    .testTarget(
      name: "StorageTests",
      dependencies: ["Storage", "QueueCore", "HallWire", "Notices", "store-bench"]),
    .testTarget(
      name: "ReportsTests",
      dependencies: ["HallWire", "Reports", "QueueCore", "HallYAML", "Storage", "PinHash"]),
    .testTarget(name: "HTTPTests", dependencies: ["HTTP"]),
    .testTarget(name: "ReactorTests", dependencies: ["Reactor", "HTTP"]),
    .testTarget(name: "WebSocketTests", dependencies: ["WebSocket", "SeededRandom"]),
    .testTarget(
      name: "EscPosTests",
      dependencies: ["EscPos", "HallWire", "Wording", "QRCode", "ZbarReader"],
      exclude: ["Golden"]),
    .testTarget(name: "QRCodeTests", dependencies: ["QRCode", "ZbarReader"]),
    .testTarget(name: "WordingTests", dependencies: ["Wording"]),
    .testTarget(name: "NoticesTests", dependencies: ["Notices", "HallWire", "SeededRandom"]),
    .testTarget(name: "HallWireTests", dependencies: ["HallWire"]),
    .testTarget(
      name: "InitMacrosTests",
      dependencies: [
        "InitMacrosPlugin",
        .product(name: "SwiftSyntaxMacrosGenericTestSupport", package: "swift-syntax"),
      ]),
    .testTarget(
      name: "ServerTests",
      dependencies: [
        "Server", "HallWire", "QueueCore", "HallYAML", "Storage", "HTTP", "WebSocket", "Notices",
      ]),
    .testTarget(name: "OfficerTests", dependencies: ["HallWire", "Officer", "Terminal"]),
    .testTarget(
      name: "TicketBoxTests", dependencies: ["HallWire", "TicketBox", "EscPos", "QRCode"]),
    .testTarget(name: "EndToEndTests", dependencies: ["antre", "ZbarReader"]),
    // zbarimg from the tests: what a phone camera reads in a printed or on-screen QR code.
    .target(name: "ZbarReader", path: "Tests/ZbarReader"),
    // One seeded generator (SplitMix64) for the tests that draw at random.
    .target(name: "SeededRandom", path: "Tests/SeededRandom"),
    .testTarget(
      name: "CentralTests",
      dependencies: ["Central", "HallWire", "Postgres", "Storage", "QueueCore", "HallYAML"]),
    .testTarget(name: "DisplaysTests"),
  ]
)
