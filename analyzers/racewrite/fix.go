package racewrite

import (
	"fmt"
	"go/ast"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/concvet/concvet/internal/fixes"
)

// mutexFix returns the fix for goroutines of a loop that all write root:
// a mutex declared right after root, held around every statement of the
// goroutine that touches root. It is offered only when that is the whole
// change: root is a local variable of the spawner; each access is in an
// assignment, increment or call statement of its own in a block; the
// spawner does not touch root inside the loop; and the file imports sync.
func (c *checker) mutexFix(g *goroutine, root *types.Var) (analysis.SuggestedFix, bool) {
	pass := c.pass
	file := c.fileOf(g.node)
	if file == nil {
		return analysis.SuggestedFix{}, false
	}
	syncName, ok := importName(file, "sync")
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	// root's declaration, in the function that starts the goroutines.
	declPath, _ := astutil.PathEnclosingInterval(file, root.Pos(), root.Pos())
	var decl ast.Stmt
	for _, n := range declPath {
		if st, ok := n.(ast.Stmt); ok {
			decl = st
			break
		}
		if _, ok := n.(*ast.FuncLit); ok {
			break
		}
	}
	if decl == nil || !inBlock(declPath, decl) {
		return analysis.SuggestedFix{}, false // a parameter, or a variable of a composite statement
	}
	// The loop that starts the goroutines: the spawner must not touch
	// root inside it, outside the goroutine.
	spawnPath, _ := astutil.PathEnclosingInterval(file, g.node.Pos(), g.node.End())
	var loop ast.Node
	for _, n := range spawnPath {
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if loop == nil {
				loop = n
			}
		}
	}
	if loop == nil || touches(pass.TypesInfo, loop, root, g.lit) {
		return analysis.SuggestedFix{}, false
	}
	name := root.Name() + "Mu"
	if scope := pass.Pkg.Scope().Innermost(g.lit.Body.Pos()); scope == nil {
		return analysis.SuggestedFix{}, false
	} else if _, obj := scope.LookupParent(name, g.lit.Body.Pos()); obj != nil {
		return analysis.SuggestedFix{}, false
	}
	if _, obj := pass.Pkg.Scope().Innermost(decl.Pos()).LookupParent(name, decl.Pos()); obj != nil {
		return analysis.SuggestedFix{}, false
	}
	// The statements of the goroutine that touch root.
	var stmts []ast.Stmt
	for _, a := range g.accesses {
		if a.ref.Root != root {
			continue
		}
		path, _ := astutil.PathEnclosingInterval(file, a.expr.Pos(), a.expr.End())
		var st ast.Stmt
		for _, n := range path {
			if s, ok := n.(ast.Stmt); ok {
				st = s
				break
			}
		}
		switch st.(type) {
		case *ast.AssignStmt, *ast.IncDecStmt, *ast.ExprStmt:
		default:
			return analysis.SuggestedFix{}, false
		}
		if !inBlock(path, st) {
			return analysis.SuggestedFix{}, false
		}
		if len(stmts) == 0 || stmts[len(stmts)-1] != st {
			stmts = append(stmts, st)
		}
	}
	if len(stmts) == 0 {
		return analysis.SuggestedFix{}, false
	}
	declare, ok := fixes.InsertLineAfter(pass, decl, fmt.Sprintf("var %s %s.Mutex", name, syncName))
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	edits := []analysis.TextEdit{declare}
	for _, st := range stmts {
		lock, ok1 := fixes.InsertLineBefore(pass, st.Pos(), name+".Lock()")
		unlock, ok2 := fixes.InsertLineAfter(pass, st, name+".Unlock()")
		if !ok1 || !ok2 {
			return analysis.SuggestedFix{}, false
		}
		edits = append(edits, lock, unlock)
	}
	return analysis.SuggestedFix{
		Message:   fmt.Sprintf("guard %s with a mutex held around each goroutine's access", root.Name()),
		TextEdits: edits,
	}, true
}

// inBlock reports whether st, found on path (innermost first), is a
// statement of a block or a case clause's body: a place where statements
// can be added around it.
func inBlock(path []ast.Node, st ast.Stmt) bool {
	for i, n := range path {
		if n != st {
			continue
		}
		if i+1 >= len(path) {
			return false
		}
		switch path[i+1].(type) {
		case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
			return true
		}
		return false
	}
	return false
}

// touches reports whether node uses v outside the function literal skip.
func touches(info *types.Info, node ast.Node, v *types.Var, skip *ast.FuncLit) bool {
	found := false
	ast.Inspect(node, func(n ast.Node) bool {
		if n == skip || found {
			return false
		}
		if id, ok := n.(*ast.Ident); ok && info.Uses[id] == v {
			found = true
		}
		return true
	})
	return found
}

// importName returns the name under which file imports path.
func importName(file *ast.File, path string) (string, bool) {
	for _, imp := range file.Imports {
		if p, err := strconv.Unquote(imp.Path.Value); err == nil && p == path {
			if imp.Name != nil {
				if imp.Name.Name == "_" || imp.Name.Name == "." {
					return "", false
				}
				return imp.Name.Name, true
			}
			return "sync", path == "sync"
		}
	}
	return "", false
}

func (c *checker) fileOf(n ast.Node) *ast.File {
	for _, f := range c.pass.Files {
		if f.FileStart <= n.Pos() && n.Pos() < f.FileEnd {
			return f
		}
	}
	return nil
}
