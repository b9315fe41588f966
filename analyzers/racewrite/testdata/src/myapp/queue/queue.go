// Package queue stands for a package of an application whose module path
// has no dot (module myapp): not the standard library, so racewrite cannot
// see what its interfaces' implementations synchronize on.
package queue

// A Queue hands values between goroutines.
type Queue interface {
	Put()
	Take()
}
