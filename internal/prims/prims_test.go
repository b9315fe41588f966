package prims_test

import (
	"go/ast"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/concvet/concvet/internal/prims"
	"github.com/concvet/concvet/internal/testutil"
)

const src = `package p

import (
	"context"
	"sync"
)

type S struct {
	ch    chan int
	buf   chan int
	wg    sync.WaitGroup
	Out   chan int
	given chan int
}

func New(in chan int) *S {
	return &S{ch: make(chan int), buf: make(chan int, 4), given: in}
}

func (s *S) run(ctx context.Context) {
	defer s.wg.Done()
	v := <-s.ch
	select {
	case s.buf <- v:
	case <-ctx.Done():
	}
	s.Out <- v
	<-s.given
}

func (s *S) wait() { s.wg.Wait() }
`

func TestIndex(t *testing.T) {
	fset, f, pkg, info := testutil.Check(t, src)
	pass := &analysis.Pass{Fset: fset, Files: []*ast.File{f}, Pkg: pkg, TypesInfo: info}
	x := prims.New(pass, inspector.New(pass.Files))

	var ops []string
	for _, o := range x.Ops {
		s := o.Key.String() + ":" + map[prims.Kind]string{prims.Send: "send", prims.Recv: "recv", prims.Close: "close", prims.Done: "done", prims.Wait: "wait"}[o.Kind]
		if o.Blocking {
			s += "!"
		}
		if o.Deferred {
			s += "(deferred)"
		}
		ops = append(ops, s)
	}
	want := "S.wg:done(deferred) S.ch:recv! S.buf:send ctx:recv S.Out:send! S.given:recv! S.wg:wait!"
	// ctx.Done() is a call, not a key: the receive from it has no key.
	want = strings.Replace(want, " ctx:recv", "", 1)
	if got := strings.Join(ops, " "); got != want {
		t.Errorf("ops:\n got %s\nwant %s", got, want)
	}

	var escaped []string
	for k := range x.Escaped {
		escaped = append(escaped, k.String())
	}
	sort.Strings(escaped)
	// Out is exported; given is assigned a parameter's channel (and in, the
	// parameter, is the caller's).
	if got := strings.Join(escaped, " "); got != "S.Out S.given in" {
		t.Errorf("escaped = %q, want %q", got, "S.Out S.given in")
	}
	if !x.Unbuffered(x.Ops[1].Key) || x.Unbuffered(x.Ops[2].Key) {
		t.Errorf("S.ch should be unbuffered and S.buf buffered")
	}
}
