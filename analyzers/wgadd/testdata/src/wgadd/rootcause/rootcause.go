// Package rootcause starts one method with go from several places (nsqd's
// shape): the Add in the method is one mistake, reported once, at the Add,
// with the go statements as related locations, and the WaitGroup is named
// as the source writes it, not through the field it embeds.
package rootcause

import "sync"

type WaitGroupWrapper struct {
	sync.WaitGroup
}

type NSQAdmin struct {
	waitGroup WaitGroupWrapper
	quit      chan struct{}
}

func (n *NSQAdmin) Main() { // want Main:"wgops -1.waitGroup.WaitGroup:add"
	n.waitGroup.Add(1) // want `^Main is started with go: n.waitGroup.Add runs on a goroutine that n.waitGroup does not count, so n.waitGroup.Wait may return before it`
	go func() {
		defer n.waitGroup.Done()
		<-n.quit
	}()
}

func (n *NSQAdmin) Exit() { // want Exit:"wgops -1.waitGroup.WaitGroup:wait"
	close(n.quit)
	n.waitGroup.Wait()
}

type program struct{ nsqadmin *NSQAdmin }

func (p *program) Start() {
	go p.nsqadmin.Main()
}

func (p *program) Restart() {
	go p.nsqadmin.Main()
}

func startTwice(n *NSQAdmin) {
	go n.Main()
	go n.Main()
}
