package a

import "sync"

// A WaitGroup behind wrapper methods: the spawner counts the goroutine
// through collecting() before the go statement, and the goroutine adds
// for its child while it holds that count, releasing it last.

type collector struct{ wg sync.WaitGroup }

func (c *collector) collecting() { c.wg.Add(1) } // want collecting:"wgops -1.wg:add"
func (c *collector) finished()   { c.wg.Done() } // want finished:"wgops -1.wg:done"

type gatherer struct{ c collector }

// Negative: counted through the wrapper before it starts.
func (g *gatherer) gather() { // want gather:"wgops -1.c.wg:add,wait"
	g.c.collecting()
	go func() {
		g.c.wg.Add(1) // wgadd is silent: the goroutine holds the count its spawner took
		go func() { defer g.c.finished(); work() }()
		work()
		g.c.finished()
	}()
	g.c.wg.Wait()
}

// Positive: a goroutine that counts itself with its first statement, and
// nobody counted it before it started: its Add races with the Wait.
func (g *gatherer) gatherUncounted() { // want gatherUncounted:"wgops -1.c.wg:wait"
	go func() {
		g.c.wg.Add(1) // want `g.c.wg.Add runs on the goroutine it counts, so g.c.wg.Wait may return before it`
		defer g.c.finished()
		work()
	}()
	g.c.wg.Wait()
}

// Positive: a wrapper that adds and settles its own count (Add, then Done)
// does not count the goroutine.
func (c *collector) settled() { c.wg.Add(1); c.wg.Done() } // want settled:"wgops -1.wg:add,done"

func (g *gatherer) gatherSettled() { // want gatherSettled:"wgops -1.c.wg:add,done,wait"
	g.c.settled()
	go func() {
		g.c.wg.Add(1) // want `g.c.wg.Add runs on the goroutine it counts`
		defer g.c.finished()
		work()
	}()
	g.c.wg.Wait()
}
