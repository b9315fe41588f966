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

// The goroutine waits on its own group through a method that waits.
type runner struct{ wg sync.WaitGroup }

func (r *runner) Wait() { r.wg.Wait() }

func (r *runner) Start(f func()) {
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		f()
		r.Wait() // want `this goroutine waits on r.wg through Wait, and r.wg counts it`
	}()
}

// Another runner's group: the goroutine waits for its children, which its
// own group does not count. Silent.
func (r *runner) StartParent(child *runner, f func()) {
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		child.Start(f)
		child.Wait()
	}()
}

// A helper that waits only under a condition is not followed. Silent.
func (r *runner) maybeWait(drain bool) {
	if drain {
		r.wg.Wait()
	}
}

func (r *runner) StartMaybe(f func()) {
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		f()
		r.maybeWait(false)
	}()
}
