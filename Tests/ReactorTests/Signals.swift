#if canImport(Glibc)
  import Glibc
#endif

func raiseHangup() {
  kill(getpid(), SIGHUP)
}
