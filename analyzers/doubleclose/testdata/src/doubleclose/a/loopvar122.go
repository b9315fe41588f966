//go:build go1.22

package a

// From Go 1.22 each iteration has its own ch: every goroutine closes a
// different channel.
func closeEach(chs []chan int) {
	for _, ch := range chs {
		go func() { close(ch) }()
	}
}
