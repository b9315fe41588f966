// Package plain can carry no fact of any concvet analyzer that go vet
// writes: no mutex, no WaitGroup, every loop has a way out, and the one
// function with a channel is neither exported nor called.
package plain

import (
	"errors"
	"strings"
)

// Count loops without a condition, but returns.
func Count(s string) int {
	n := 0
	for {
		i := strings.Index(s, "x")
		if i < 0 {
			return n
		}
		n++
		s = s[i+1:]
	}
}

// Fail never returns, but panics: a goroutine running it ends.
func Fail() { panic(errors.New("fail")) }

// Must panics or returns.
func Must(err error) {
	if err != nil {
		Fail()
	}
}

// Sum ranges over a slice.
func Sum(xs []int) (s int) {
	for _, x := range xs {
		s += x
	}
	return s
}

type T struct{ n int }

func (t *T) Inc() { t.n++ }

var next = func() int { return 1 }

// Skip loops with a labelled break and a goto that jumps forward.
func Skip(xs []int) int {
	n := 0
outer:
	for {
		for _, x := range xs {
			if x < 0 {
				break outer
			}
			if x == 0 {
				goto done
			}
			n += next()
		}
	}
done:
	return n
}

// drain has a summary (goleak), which go vet does not write: importers
// cannot name drain, and no function they can name calls it.
func drain(ch chan int) {
	for range ch {
	}
}

// Check has a loop and no reachable return, but every path ends at a call
// of Fail, after which SSA panics: a goroutine running it ends.
func Check(xs []int) {
	for _, x := range xs {
		if x < 0 {
			Fail()
		}
	}
	Fail()
}
