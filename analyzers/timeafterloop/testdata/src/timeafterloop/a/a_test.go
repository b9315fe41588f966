package a

import (
	"testing"
	"time"
)

// Tests are short-lived: a timer per iteration is not worth a finding.
func TestEvents(t *testing.T) {
	ch := make(chan int)
	for i := 0; i < 3; i++ {
		select {
		case <-ch:
		case <-time.After(time.Second):
			t.Fatal("timed out")
		}
	}
}
