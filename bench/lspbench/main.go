// Command lspbench measures a language server the way an editor uses it:
// how long after an edit its diagnostics for the edited version arrive,
// and its memory over a run of edits. bench/lsp runs it on concvet lsp and
// on gopls, on the same file of the same module.
//
//	lspbench -file F [-rounds N] [-edits N] [-interval D] [-want concvet|gopls] -- server args...
//
// Each latency round replaces a block at the end of the file, unsaved:
// blank lines, then an unused function with a WaitGroup mistake. It then
// waits for the server's diagnostics of that version: for concvet, its
// diagnostic of the mistake at the block's new line; for gopls, the
// diagnostic that names the new function (its unusedfunc analyzer), which
// comes with its analyzers' results.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

func main() {
	file := flag.String("file", "", "the Go file to open and edit")
	rounds := flag.Int("rounds", 10, "latency rounds")
	edits := flag.Int("edits", 200, "edits of the memory run")
	interval := flag.Duration("interval", 50*time.Millisecond, "time between the edits of the memory run")
	want := flag.String("want", "concvet", "whose diagnostics to wait for: concvet or gopls")
	flag.Parse()
	if *file == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: lspbench -file F [flags] -- server args...")
		os.Exit(2)
	}
	if err := run(*file, flag.Args(), *rounds, *edits, *interval, *want); err != nil {
		fmt.Fprintf(os.Stderr, "lspbench: %v\n", err)
		os.Exit(1)
	}
}

type msg struct {
	ID     json.RawMessage `json:"id"`
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
	Result json.RawMessage `json:"result"`
	Error  json.RawMessage `json:"error"`
}

type publish struct {
	URI         string `json:"uri"`
	Version     *int   `json:"version"`
	Diagnostics []struct {
		Message string `json:"message"`
		Source  string `json:"source"`
		Range   struct {
			Start struct{ Line int } `json:"start"`
		} `json:"range"`
	} `json:"diagnostics"`
	at time.Time
}

type conn struct {
	in  io.Writer
	mu  sync.Mutex
	pub chan publish
	rep chan msg
}

func (c *conn) send(v map[string]any) {
	v["jsonrpc"] = "2.0"
	data, _ := json.Marshal(v)
	c.mu.Lock()
	fmt.Fprintf(c.in, "Content-Length: %d\r\n\r\n%s", len(data), data)
	c.mu.Unlock()
}

func (c *conn) read(r *bufio.Reader) {
	for {
		n := -1
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				close(c.pub)
				return
			}
			line = strings.TrimSpace(line)
			if line == "" {
				break
			}
			if v, ok := strings.CutPrefix(line, "Content-Length:"); ok {
				n, _ = strconv.Atoi(strings.TrimSpace(v))
			}
		}
		data := make([]byte, n)
		if _, err := io.ReadFull(r, data); err != nil {
			close(c.pub)
			return
		}
		var m msg
		json.Unmarshal(data, &m)
		switch {
		case m.Method == "textDocument/publishDiagnostics":
			var p publish
			json.Unmarshal(m.Params, &p)
			p.at = time.Now()
			c.pub <- p
		case m.Method != "" && len(m.ID) > 0:
			// A request of the server's (gopls asks for its
			// configuration and for progress tokens): answer null.
			c.send(map[string]any{"id": m.ID, "result": nil})
		case m.Method == "":
			c.rep <- m
		}
	}
}

func run(file string, server []string, rounds, edits int, interval time.Duration, want string) error {
	file, _ = filepath.Abs(file)
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	root := filepath.Dir(file)
	for dir := root; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			root = dir
			break
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	cmd := exec.Command(server[0], server[1:]...)
	cmd.Dir = root
	cmd.Stderr = io.Discard
	in, _ := cmd.StdinPipe()
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		return err
	}
	defer cmd.Process.Kill()
	c := &conn{in: in, pub: make(chan publish, 10000), rep: make(chan msg, 100)}
	go c.read(bufio.NewReader(out))
	mem := newSampler(cmd.Process.Pid)
	defer mem.stop()

	uri := "file://" + file
	c.send(map[string]any{"id": 1, "method": "initialize", "params": map[string]any{
		"processId": os.Getpid(), "rootUri": "file://" + root,
		"capabilities": map[string]any{"workspace": map[string]any{"workspaceEdit": map[string]any{"documentChanges": true}, "configuration": true}},
	}})
	<-c.rep
	c.send(map[string]any{"method": "initialized", "params": map[string]any{}})
	start := time.Now()
	c.send(map[string]any{"method": "textDocument/didOpen", "params": map[string]any{
		"textDocument": map[string]any{"uri": uri, "languageId": "go", "version": 1, "text": string(data)},
	}})
	lines := strings.Count(string(data), "\n")
	if !strings.HasSuffix(string(data), "\n") {
		lines++
	}
	version := 1
	// The first diagnostics: the caches may be cold.
	if _, err := await(c, uri, want, "", -1, 10*time.Minute); err != nil {
		return fmt.Errorf("on open: %v", err)
	}
	fmt.Printf("open\t%.3f\n", time.Since(start).Seconds())

	// edit replaces the block appended at the end of the file (empty at
	// first) with a function named name, after gap blank lines: a
	// function with a WaitGroup.Add on the goroutine it counts, which
	// concvet reports (at a line that moves with gap), and which gopls's
	// unusedfunc reports by name.
	blockLines := 0
	edit := func(name string, gap int) (concvetLine int) {
		version++
		text := strings.Repeat("\n", gap) + "func " + name + "() {\n\tvar wg sync.WaitGroup\n\tgo func() {\n\t\twg.Add(1)\n\t\tdefer wg.Done()\n\t}()\n\twg.Wait()\n}\n"
		rng := map[string]any{"start": map[string]any{"line": lines, "character": 0}, "end": map[string]any{"line": lines + blockLines, "character": 0}}
		blockLines = strings.Count(text, "\n")
		c.send(map[string]any{"method": "textDocument/didChange", "params": map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": version},
			"contentChanges": []any{map[string]any{"range": rng, "text": text}},
		}})
		return lines + gap + 3
	}

	var lat []float64
	for i := 0; i <= rounds; i++ {
		name := fmt.Sprintf("benchLatency%d", i)
		t0 := time.Now()
		line := edit(name, i+1)
		at, err := await(c, uri, want, name, line, 2*time.Minute)
		if err != nil {
			return fmt.Errorf("round %d: %v", i, err)
		}
		if i > 0 { // round 0 warms up
			lat = append(lat, at.Sub(t0).Seconds())
		}
		time.Sleep(2 * time.Second) // let the server go idle
	}
	slices.Sort(lat)
	fmt.Printf("latency_median\t%.3f\nlatency_min\t%.3f\nlatency_max\t%.3f\n", lat[len(lat)/2], lat[0], lat[len(lat)-1])

	time.Sleep(2 * time.Second)
	before := mem.current()
	mem.resetPeak()
	t0 := time.Now()
	var line int
	for i := 0; i < edits; i++ {
		gap := 1 + i%7
		if i == edits-1 {
			gap = 20 // a line no earlier version had
		}
		line = edit(fmt.Sprintf("benchMemory%d", i), gap)
		time.Sleep(interval)
	}
	last := fmt.Sprintf("benchMemory%d", edits-1)
	at, err := await(c, uri, want, last, line, 5*time.Minute)
	if err != nil {
		return fmt.Errorf("after %d edits: %v", edits, err)
	}
	fmt.Printf("edits_last_diagnostics\t%.3f\n", at.Sub(t0).Seconds()-float64(edits)*interval.Seconds())
	time.Sleep(3 * time.Second)
	after := mem.current()
	peakSelf, peakTree := mem.peaks()
	fmt.Printf("rss_before_mb\t%.1f\nrss_after_mb\t%.1f\nrss_peak_mb\t%.1f\ntree_peak_mb\t%.1f\n", before.self, after.self, peakSelf, peakTree)

	c.send(map[string]any{"id": 2, "method": "shutdown"})
	<-c.rep
	c.send(map[string]any{"method": "exit"})
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
	}
	return nil
}

// await waits for the diagnostics of the last edit: for concvet, its
// diagnostic at line (which no version before had); for gopls, one that
// names name. With no name and line -1, any publish for uri will do.
func await(c *conn, uri, want, name string, line int, limit time.Duration) (time.Time, error) {
	deadline := time.After(limit)
	for {
		select {
		case p, ok := <-c.pub:
			if !ok {
				return time.Time{}, fmt.Errorf("the server exited")
			}
			if p.URI != uri {
				continue
			}
			if name == "" && line < 0 {
				return p.at, nil
			}
			for _, d := range p.Diagnostics {
				if want == "concvet" && d.Source == "concvet" && d.Range.Start.Line == line ||
					want != "concvet" && strings.Contains(d.Message, `"`+name+`"`) {
					return p.at, nil
				}
			}
		case <-deadline:
			return time.Time{}, fmt.Errorf("no diagnostics of the edit in %v", limit)
		}
	}
}

// A sampler reads the resident memory of a process and of its process
// tree every 20 ms.
type sampler struct {
	pid  int
	mu   sync.Mutex
	self float64
	tree float64
	peak [2]float64
	quit chan struct{}
}

type usage struct{ self, tree float64 }

func newSampler(pid int) *sampler {
	s := &sampler{pid: pid, quit: make(chan struct{})}
	go func() {
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-s.quit:
				return
			case <-t.C:
				self, tree := rss(pid), treeRSS(pid)
				s.mu.Lock()
				s.self, s.tree = self, tree
				s.peak[0] = max(s.peak[0], self)
				s.peak[1] = max(s.peak[1], tree)
				s.mu.Unlock()
			}
		}
	}()
	return s
}

func (s *sampler) stop() { close(s.quit) }

func (s *sampler) current() usage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return usage{s.self, s.tree}
}

func (s *sampler) resetPeak() {
	s.mu.Lock()
	s.peak = [2]float64{}
	s.mu.Unlock()
}

func (s *sampler) peaks() (float64, float64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.peak[0], s.peak[1]
}

// rss is VmRSS of pid in MB, from /proc.
func rss(pid int) float64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(data)) {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}

// treeRSS sums the RSS of pid and its descendants.
func treeRSS(pid int) float64 {
	children := make(map[int][]int)
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", p))
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...: comm may hold spaces.
		s := string(data)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(s[i+1:])
		if len(f) < 2 {
			continue
		}
		ppid, _ := strconv.Atoi(f[1])
		children[ppid] = append(children[ppid], p)
	}
	total := 0.0
	var walk func(int)
	walk = func(p int) {
		total += rss(p)
		for _, c := range children[p] {
			walk(c)
		}
	}
	walk(pid)
	return total
}
