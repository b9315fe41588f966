// Package other stands for code of another module: racewrite cannot see
// what its functions synchronize on.
package other

var state = make(chan struct{}, 1)

// Signal lets Await return.
func Signal() { state <- struct{}{} }

// Await waits for Signal.
func Await() { <-state }

// Log does not synchronize, but racewrite cannot know that.
func Log(string) {}
