package a

// A library's init runs once per process: the goroutine it starts lives as
// long as the process, by design (inbucket's metric package shape).
func init() {
	go func() {
		for {
			rescan()
		}
	}()
}
