// Package plain declares a struct with a mutex field and no methods: it
// exports no fact.
package plain

import "sync"

type Table struct {
	Mu sync.Mutex
	N  int
}
