package c

import "sync"

func Worker(wg *sync.WaitGroup, jobs <-chan int) {
	wg.Add(1)
	defer wg.Done()
	for range jobs {
	}
}

func GoodWorker(wg *sync.WaitGroup, jobs <-chan int) {
	defer wg.Done()
	for range jobs {
	}
}

type Pool struct {
	wg   sync.WaitGroup
	jobs chan func()
}

func (p *Pool) Run() {
	for j := range p.jobs {
		p.wg.Add(1)
		go func() { defer p.wg.Done(); j() }()
	}
}

func (p *Pool) Close() {
	close(p.jobs)
	p.wg.Wait()
}

// Collector hides its WaitGroup behind methods.
type Collector struct{ wg sync.WaitGroup }

func (c *Collector) Collecting() { c.wg.Add(1) }
func (c *Collector) Finished()   { c.wg.Done() }
func (c *Collector) Wait()       { c.wg.Wait() }
