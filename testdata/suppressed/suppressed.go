// Package suppressed holds findings silenced by //concvet:ignore, and
// suppressions that are themselves mistakes.
package suppressed

import "sync"

func work() {}

func Silenced() {
	var wg sync.WaitGroup
	go func() {
		wg.Add(1) //concvet:ignore wgadd the test harness counts this goroutine elsewhere
		defer wg.Done()
		work()
	}()
	wg.Wait()
}

func Stale() {
	work() //concvet:ignore wgdone nothing to silence here
}

func NoReason() {
	var wg sync.WaitGroup
	go func() {
		//concvet:ignore wgadd
		wg.Add(1)
		defer wg.Done()
	}()
	wg.Wait()
}
