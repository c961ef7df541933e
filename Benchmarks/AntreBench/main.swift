// antre-bench: issue #7's table. Every figure of `antre serve` is measured next to the same
// load against a bare libevent responder in the same run, with the server pinned to one core
// and the load generators to another. See the README's "Performance" section.
//
//   swift run -c release antre-bench [--quick]

import Foundation

let settings = Settings(CommandLine.arguments)
let bench = Bench(settings: settings)
do {
  try bench.prepare()
  let table = try bench.runAll()
  bench.cleanUp()
  print(table)
} catch {
  bench.cleanUp()
  FileHandle.standardError.write(Data("antre-bench: \(error)\n".utf8))
  exit(1)
}
