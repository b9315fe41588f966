package a

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
)

func fetch(string)         {}
func handle(net.Conn)      {}
func worker(<-chan string) {}

type group struct{}

func (group) SetLimit(int)    {}
func (group) Go(func() error) {}
func (group) Wait() error     { return nil }

type weighted struct{}

func (weighted) Acquire(context.Context, int64) error { return nil }
func (weighted) Release(int64)                        {}

// Input whose size someone outside the program decides.

type batch struct {
	URLs []string `json:"urls"`
}

func handleBatch(w http.ResponseWriter, r *http.Request) {
	var req batch
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		return
	}
	for _, u := range req.URLs {
		go fetch(u) // want `go statement starts one goroutine per element of req.URLs, which the HTTP request decides, with no bound on how many run at once; acquire a semaphore before it, use a worker pool, or an errgroup with SetLimit`
	}
}

func handleForm(w http.ResponseWriter, r *http.Request) {
	ids := strings.Split(r.FormValue("ids"), ",")
	for _, id := range ids {
		go fetch(id) // want `one goroutine per element of ids, which the HTTP request decides`
	}
	for _, v := range r.URL.Query()["x"] {
		go fetch(v) // want `one goroutine per element of r.URL.Query\(\)\["x"\]`
	}
}

func handleUnmarshal(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	var ids []string
	if err := json.Unmarshal(body, &ids); err != nil {
		return
	}
	for _, id := range ids {
		go fetch(id) // want `one goroutine per element of ids, which the HTTP request decides`
	}
}

func perLine(sc *bufio.Scanner) {
	for sc.Scan() {
		go fetch(sc.Text()) // want `one goroutine per line scanned by sc`
	}
}

func perMessage(c net.Conn) {
	dec := json.NewDecoder(c)
	for {
		var m string
		if err := dec.Decode(&m); err != nil {
			return
		}
		go fetch(m) // want `one goroutine per message read by dec`
	}
}

type stream interface {
	Recv() (string, error)
	RecvMsg(any) error
}

func perStreamMessage(s stream) {
	for {
		m, err := s.Recv()
		if err != nil {
			return
		}
		go fetch(m) // want `one goroutine per message read by s`
	}
}

func perRead(c net.Conn) {
	buf := make([]byte, 512)
	for {
		n, err := c.Read(buf)
		if err != nil {
			return
		}
		go fetch(string(buf[:n])) // want `one goroutine per message read by c`
	}
}

func resultSendIsNoBound(w http.ResponseWriter, r *http.Request) {
	urls := r.Form["u"]
	out := make(chan string)
	for _, u := range urls {
		go func() { // want `one goroutine per element of urls`
			out <- u
		}()
	}
	for range urls {
		<-out
	}
}

// Fan-out over slices, maps and channels of other origin: configuration,
// cluster members, topics, a few fixed functions. Small by construction
// or long-lived by design; not reported.

func perURL(urls []string) {
	for _, u := range urls {
		go fetch(u)
	}
}

func perKey(m map[string]int) {
	var wg sync.WaitGroup
	for k := range m {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fetch(k)
		}()
	}
	wg.Wait()
}

func perChannelValue(in <-chan string) {
	for s := range in {
		go fetch(s)
	}
}

type member struct{ addr string }

func broadcast(members []member) {
	for _, m := range members {
		go fetch(m.addr)
	}
}

func perTopic(topics map[string]chan string) {
	for _, ch := range topics {
		go worker(ch) // one long-lived consumer per topic: the design
	}
}

func fixed(fns []func()) {
	for _, f := range fns {
		go f()
	}
}

// A custom throttle: an acquire before the go statement and its release in
// the goroutine bound the goroutines, whatever the names.
type throttle struct{ ch chan struct{} }

func (t *throttle) Do()   { t.ch <- struct{}{} }
func (t *throttle) Done() { <-t.ch }

func throttled(w http.ResponseWriter, r *http.Request, t *throttle) {
	for _, u := range r.Form["u"] {
		t.Do()
		go func() {
			defer t.Done()
			fetch(u)
		}()
	}
}

// A WaitGroup counts goroutines; it does not bound them.
func waitGroupIsNoBound(w http.ResponseWriter, r *http.Request) {
	var wg sync.WaitGroup
	for _, u := range r.Form["u"] {
		wg.Add(1)
		go func() { // want `one goroutine per element of r.Form\["u"\]`
			defer wg.Done()
			fetch(u)
		}()
	}
	wg.Wait()
}

// A handler ranging over its own data, not the request's.
var backends = []string{"a", "b"}

func handlerOwnData(w http.ResponseWriter, r *http.Request) {
	for _, b := range backends {
		go fetch(b)
	}
}

// Negatives.

func semaphore(urls []string) {
	sem := make(chan struct{}, 8)
	for _, u := range urls {
		sem <- struct{}{}
		go func() {
			defer func() { <-sem }()
			fetch(u)
		}()
	}
}

func weightedSem(ctx context.Context, urls []string, s weighted) {
	for _, u := range urls {
		if err := s.Acquire(ctx, 1); err != nil {
			return
		}
		go func() {
			defer s.Release(1)
			fetch(u)
		}()
	}
}

func errgroupLimit(urls []string) {
	var g group
	g.SetLimit(8)
	for _, u := range urls {
		u := u
		g.Go(func() error { fetch(u); return nil })
	}
	_ = g.Wait()
}

func pool(jobs <-chan string, n int) {
	for i := 0; i < n; i++ {
		go worker(jobs)
	}
	for range n {
		go worker(jobs)
	}
}

func literal() {
	for _, u := range []string{"a", "b"} {
		go fetch(u)
	}
}

func batches(urls []string) {
	var wg sync.WaitGroup
	for i, u := range urls {
		wg.Add(1)
		go func() { defer wg.Done(); fetch(u) }()
		if i%8 == 7 {
			wg.Wait()
		}
	}
	wg.Wait()
}

func acceptLoop(l net.Listener) {
	for {
		c, err := l.Accept()
		if err != nil {
			return
		}
		go handle(c)
	}
}
