package goleak

import (
	"fmt"
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/concvet/concvet/internal/funcs"
	"github.com/concvet/concvet/internal/prims"
	"github.com/concvet/concvet/internal/refs"
)

// checkShared reports the goroutines that block forever on a channel kept
// in a struct field or a package variable that nothing in the package
// feeds: a receive from a channel that no code sends on or closes, or a
// send on an unbuffered channel that no code receives from. The SSA walk
// of checkGo stays silent on such channels (it cannot see their other
// side); the package-wide index of synchronization operations can, as long
// as the channel does not escape (an exported field, a channel passed,
// returned or assigned from elsewhere).
func checkShared(pass *analysis.Pass, ins *inspector.Inspector, x *prims.Index, reported map[token.Pos]bool) {
	info := pass.TypesInfo
	decls := funcs.IndexDecls(info, ins)
	done := make(map[ast.Node]bool)
	for cur := range ins.Root().Preorder((*ast.GoStmt)(nil)) {
		g := cur.Node().(*ast.GoStmt)
		if reported[g.Pos()] {
			continue // already reported as a goroutine that never finishes
		}
		t := funcs.Resolve(info, decls, g.Call)
		fn := t.Node()
		if fn == nil {
			continue
		}
		for _, o := range x.Ops {
			if o.Func != fn || !o.Blocking || o.Deferred || done[o.Node] || !shared(o.Key) || x.Escaped[o.Key] {
				continue
			}
			var why string
			switch o.Kind {
			case prims.Recv:
				if len(x.Of(o.Key, prims.Send, prims.Close)) == 0 {
					why = fmt.Sprintf("nothing in the package sends on or closes %s", o.Key)
				}
			case prims.Send:
				if x.Unbuffered(o.Key) && len(x.Of(o.Key, prims.Recv)) == 0 {
					why = fmt.Sprintf("nothing in the package receives from %s, an unbuffered channel", o.Key)
				}
			}
			if why == "" {
				continue
			}
			done[o.Node] = true
			gp := pass.Fset.Position(g.Pos())
			pass.Report(analysis.Diagnostic{
				Pos:      o.Node.Pos(),
				End:      o.Node.End(),
				Category: "goleak",
				Message: fmt.Sprintf("goroutine blocks here forever: %s; the goroutine started at %s:%d never finishes; give the channel its other side, or a select on ctx.Done() that returns",
					why, filepathBase(gp.Filename), gp.Line),
				Related: []analysis.RelatedInformation{{Pos: g.Pos(), End: g.Call.End(), Message: "the goroutine is started here"}},
			})
		}
	}
}

// shared reports whether k names a struct field or a package variable: a
// channel whose operations may be anywhere in the package.
func shared(k refs.Key) bool {
	if k.Owner != nil {
		return true
	}
	return k.Var != nil && k.Var.Pkg() != nil && k.Var.Parent() == k.Var.Pkg().Scope()
}

func filepathBase(name string) string {
	for i := len(name) - 1; i >= 0; i-- {
		if name[i] == '/' || name[i] == '\\' {
			return name[i+1:]
		}
	}
	return name
}
