// Package ignorecheck holds suppression comments as users write them, for
// the analyzer as the suite runs it (knowing the suite's analyzers).
package ignorecheck

import "sync"

func work() {}

func f(wg *sync.WaitGroup) {
	work() //concvet:ignore wgadd the goroutine is counted by its caller

	work() /* want "concvet:ignore goleak needs a reason" */ //concvet:ignore goleak

	work() /* want "concvet:ignore names unknown analyzer wgad" */ //concvet:ignore wgad a typo hides the finding

	work() /* want "concvet:ignore names no analyzer" */ //concvet:ignore

	work() //concvet:ignore lockblock,lockorder both analyzers, with a reason
}
