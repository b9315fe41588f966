package a

import (
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"
)

func sweep() {}

// Process-lifetime goroutines started once, behind a package-level
// sync.Once or started flag: they live as long as the process by design.
var janitorOnce sync.Once

func startJanitor() {
	janitorOnce.Do(func() {
		go func() {
			for range time.Tick(time.Minute) {
				sweep()
			}
		}()
	})
}

type registry struct{ mu sync.Mutex }

var (
	defaultRegistry = &registry{}
	registryOnce    sync.Once
)

func (r *registry) start() {
	go r.loop()
}

func (r *registry) loop() { // want loop:`goroutine never`
	for {
		time.Sleep(time.Second)
		sweep()
	}
}

func Default() *registry {
	registryOnce.Do(defaultRegistry.start)
	return defaultRegistry
}

var (
	startedMu sync.Mutex
	started   bool
)

func startFlushing() {
	startedMu.Lock()
	defer startedMu.Unlock()
	if started {
		return
	}
	started = true
	go func() {
		for {
			time.Sleep(time.Second)
			sweep()
		}
	}()
}

// A Once per value guards nothing across values: every value started leaks
// its goroutine.
type cache struct{ once sync.Once }

func (c *cache) Start() {
	c.once.Do(func() {
		go func() { // want `goroutine never finishes`
			for {
				time.Sleep(time.Second)
				sweep()
			}
		}()
	})
}

// A signal handler waits for signals for as long as the process runs.
func handleSignals(reload func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGHUP)
	go func() {
		for range ch {
			reload()
		}
	}()
	go func() {
		for {
			<-ch
			reload()
		}
	}()
}
