package a

import "sync"

// A goroutine that waits on the group that counts it.
func selfWait(jobs []func()) {
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			j()
			wg.Wait() // want `this goroutine waits on wg, which counts it: its own Done comes after the Wait`
		}()
	}
	wg.Wait()
}

type selfPool struct{ wg sync.WaitGroup }

func (p *selfPool) start() {
	p.wg.Add(1)
	go p.run()
}

func (p *selfPool) run() {
	defer p.wg.Done()
	p.wg.Wait() // want `this goroutine waits on p.wg, which counts it`
}

// Done before Wait: the goroutine has left the count; it waits for the
// others. Silent.
func doneFirst(jobs []func()) {
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			j()
			wg.Done()
			wg.Wait()
		}()
	}
}

// A coordinator goroutine waits on a group that counts others only.
func coordinator(jobs []func(), done chan struct{}) {
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			j()
		}()
	}
	go func() {
		wg.Wait()
		close(done)
	}()
}
