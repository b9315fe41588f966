package refs_test

import (
	"go/ast"
	"strings"
	"testing"

	"github.com/concvet/concvet/internal/refs"
	"github.com/concvet/concvet/internal/testutil"
)

const src = `package p

import "sync"

type Server struct{ mu sync.Mutex }

type Peer struct {
	mu     sync.Mutex
	server *Server
	inner  struct{ ch chan int }
	in     half
	out    half
}

type half struct{ sync.Mutex }

var global sync.Mutex

func (s *Server) a() { s.mu.Lock() }

func (p *Peer) b() {
	p.server.mu.Lock()
	p.mu.Lock()
	p.inner.ch <- 1
	global.Lock()
	var local sync.Mutex
	local.Lock()
	p.in.Mutex.Lock()
	p.out.Mutex.Lock()
}
`

// TestKeyOf checks that storage gets one key whatever function names it.
func TestKeyOf(t *testing.T) {
	_, f, _, info := testutil.Check(t, src)
	keys := make(map[string]refs.Key) // expression → key
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
			keys[exprString(sel.X)] = refs.KeyOf(refs.Of(info, sel.X))
		}
		return true
	})
	ast.Inspect(f, func(n ast.Node) bool {
		if s, ok := n.(*ast.SendStmt); ok {
			keys[exprString(s.Chan)] = refs.KeyOf(refs.Of(info, s.Chan))
		}
		return true
	})
	for expr, want := range map[string]string{
		"s.mu":        "Server.mu",
		"p.server.mu": "Server.mu", // below the innermost named type
		"p.mu":        "Peer.mu",
		"p.inner.ch":  "Peer.inner.ch", // an anonymous struct keeps the path
		"global":      "global",
		"p.in.Mutex":  "Peer.in.Mutex", // a struct held by value is part of its owner
		"p.out.Mutex": "Peer.out.Mutex",
		"local":       "local",
	} {
		k, ok := keys[expr]
		if !ok {
			t.Errorf("%s: not seen", expr)
			continue
		}
		if got := k.String(); got != want {
			t.Errorf("KeyOf(%s) = %s, want %s", expr, got, want)
		}
	}
	if keys["s.mu"] != keys["p.server.mu"] {
		t.Errorf("s.mu and p.server.mu have different keys: %v, %v", keys["s.mu"], keys["p.server.mu"])
	}
	if keys["p.mu"] == keys["s.mu"] {
		t.Errorf("Peer.mu and Server.mu share a key")
	}
	// The half held by value is half.Mutex to half's own methods.
	for expr, want := range map[string]string{"p.in.Mutex": "half.Mutex", "p.out.Mutex": "half.Mutex", "p.mu": "", "p.server.mu": ""} {
		var got []string
		for _, k := range keys[expr].Inner() {
			got = append(got, k.String())
		}
		if strings.Join(got, ",") != want {
			t.Errorf("Inner(%s) = %v, want %q", expr, got, want)
		}
	}
}

func exprString(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return exprString(e.X) + "." + e.Sel.Name
	}
	return "?"
}
