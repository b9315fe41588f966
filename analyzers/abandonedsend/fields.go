package abandonedsend

import (
	"fmt"
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/concvet/concvet/internal/funcs"
	"github.com/concvet/concvet/internal/prims"
)

// checkFields reports a goroutine that sends on an unbuffered channel kept
// in a struct field, when the only receives of that channel in the package
// are in the function that started the goroutine, and that function can
// give up: one of those receives is a case of a select whose other case
// returns (a timeout, ctx.Done()). The SSA walk of check follows channels
// made in one function; a field's channel is made in a constructor and
// used in methods, which the package-wide index of synchronization
// operations (internal/prims) sees whole, as long as the field does not
// escape.
func checkFields(pass *analysis.Pass, ins *inspector.Inspector, x *prims.Index) {
	info := pass.TypesInfo
	decls := funcs.IndexDecls(info, ins)
	done := make(map[ast.Node]bool)
	for cur := range ins.Root().Preorder((*ast.GoStmt)(nil)) {
		g := cur.Node().(*ast.GoStmt)
		spawner, _ := funcs.Enclosing(cur)
		t := funcs.Resolve(info, decls, g.Call)
		body := t.Node()
		if body == nil || spawner == nil {
			continue
		}
		for _, send := range x.Ops {
			if send.Func != body || send.Kind != prims.Send || !send.Blocking || done[send.Node] {
				continue
			}
			k := send.Key
			if k.Owner == nil || x.Escaped[k] || !x.Unbuffered(k) {
				continue
			}
			recvs := x.Of(k, prims.Recv)
			if len(recvs) == 0 {
				continue // nobody receives: goleak's finding
			}
			giveUp := token.NoPos
			all := true
			for _, r := range recvs {
				if r.Func != spawner || r.Node.Pos() < g.End() {
					all = false
					break
				}
				if p := abandons(r.Node, spawner); p.IsValid() && !giveUp.IsValid() {
					giveUp = p
				}
			}
			if !all || !giveUp.IsValid() {
				continue
			}
			done[send.Node] = true
			gp := pass.Fset.Position(giveUp)
			pass.Report(analysis.Diagnostic{
				Pos:      send.Node.Pos(),
				End:      send.Node.End(),
				Category: "abandonedsend",
				Message: fmt.Sprintf("send on unbuffered channel %s blocks forever when its only receiver gives up (the return at %s:%d, through another case of its select), leaking this goroutine; make the channel with a buffer of 1 per send, or select on a done channel",
					k, shortFile(gp.Filename), gp.Line),
				Related: []analysis.RelatedInformation{{Pos: giveUp, Message: "the receiver gives up here"}},
			})
		}
	}
}

// abandons returns the position of a return in another case of the select
// whose case receives recv, in fn: the receiver's way of giving up.
func abandons(recv ast.Node, fn ast.Node) token.Pos {
	var found token.Pos
	ast.Inspect(fn, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectStmt)
		if !ok || found.IsValid() {
			return !found.IsValid()
		}
		var mine *ast.CommClause
		for _, c := range sel.Body.List {
			cc := c.(*ast.CommClause)
			if cc.Comm != nil && cc.Comm.Pos() <= recv.Pos() && recv.End() <= cc.Comm.End() {
				mine = cc
			}
		}
		if mine == nil {
			return true
		}
		for _, c := range sel.Body.List {
			cc := c.(*ast.CommClause)
			if cc == mine {
				continue
			}
			for _, st := range cc.Body {
				if ret, ok := st.(*ast.ReturnStmt); ok {
					found = ret.Pos()
					return false
				}
			}
		}
		return true
	})
	return found
}

func shortFile(name string) string {
	for i := len(name) - 1; i >= 0; i-- {
		if name[i] == '/' || name[i] == '\\' {
			return name[i+1:]
		}
	}
	return name
}
