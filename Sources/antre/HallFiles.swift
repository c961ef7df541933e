import ArgumentParser

/// `--config` and `--db` as `antre serve` and `antre tokens` read them.
struct HallFiles: ParsableArguments {
  @Option(help: "The hall file (YAML or JSON). Default: the bundled sample hall.")
  var config: String?

  @Option(help: "The hall's SQLite database file (antre serve creates it if missing).")
  var db = "antre.sqlite"

  func configPath(root: String) -> String { config ?? bundledHall(root: root) }
}

/// The sample hall under the resources root: what `--config` means when it is not given.
func bundledHall(root: String) -> String { root + "/Assets/halls/mpp-banyuwangi.yaml" }
