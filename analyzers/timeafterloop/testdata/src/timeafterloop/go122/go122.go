// Package go122 is analyzed with the timer semantics before Go 1.23.
package go122

import "time"

func use(int) {}

func idle(in <-chan int) {
	for {
		select {
		case v := <-in:
			use(v)
		case <-time.After(time.Minute): // want `time.After in a loop starts a timer on every iteration that stays in memory until it fires \(before go1.23\), so the loop holds one timer per iteration for the whole timeout, and its timeout restarts each time another case is chosen`
			return
		}
	}
}
