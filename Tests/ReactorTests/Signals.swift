#if canImport(Glibc)
  import Glibc
#endif

func raiseHangup() {
  raise(SIGHUP)
}
