// Package locks gives the lock analyzers a common view of mutex
// operations: which calls lock or unlock which mutex, in which mode, and
// how a function's summary names a mutex so that it can be mapped onto a
// call's arguments. Which calls run on the calling goroutine is
// funcs.Calls's question.
package locks

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/concvet/concvet/internal/refs"
	"github.com/concvet/concvet/internal/syncops"
	"github.com/concvet/concvet/internal/typesutil"
)

// Used reports whether the package of pass can lock a mutex or wait on a
// condition variable of its own: it imports sync, or it calls a
// sync.Mutex, RWMutex or Cond method on a value whose type another package
// declares (`s.mu.Lock()` on a field of an imported struct needs no import
// of sync). A lock analyzer has nothing else to check in a package, except
// what facts bring from its dependencies.
func Used(pass *analysis.Pass) bool {
	return typesutil.Imports(pass.Pkg, "sync") || typesutil.UsesMethodOf(pass.TypesInfo, "sync", "Mutex", "RWMutex", "Cond")
}

// A Mode is the way a mutex is held: exclusively (Lock) or shared (RLock).
type Mode uint8

const (
	Write Mode = iota
	Read
)

// LockName returns the method that takes the mutex in mode m.
func (m Mode) LockName() string {
	if m == Read {
		return "RLock"
	}
	return "Lock"
}

// UnlockName returns the method that releases the mutex in mode m.
func (m Mode) UnlockName() string {
	if m == Read {
		return "RUnlock"
	}
	return "Unlock"
}

// A Key is a mutex held in one mode.
type Key struct {
	Ref  refs.Ref
	Mode Mode
}

func (k Key) String() string { return k.Ref.String() }

// An Op is a direct call of a sync.Mutex or sync.RWMutex method.
type Op struct {
	Call    *ast.CallExpr
	Key     Key
	Acquire bool // Lock or RLock; false for Unlock or RUnlock
	Try     bool // TryLock or TryRLock: the lock may or may not be taken
}

// OpOf returns the mutex operation that call performs, if it is one on a
// trackable mutex.
func OpOf(info *types.Info, call *ast.CallExpr) (Op, bool) {
	name, r := syncops.Mutex(info, call)
	if name == "" || !r.Valid() {
		return Op{}, false
	}
	op := Op{Call: call, Key: Key{Ref: r}}
	switch name {
	case "Lock":
		op.Acquire = true
	case "RLock":
		op.Acquire, op.Key.Mode = true, Read
	case "Unlock":
	case "RUnlock":
		op.Key.Mode = Read
	case "TryLock":
		op.Try = true
	case "TryRLock":
		op.Try, op.Key.Mode = true, Read
	default:
		return Op{}, false // RLocker
	}
	return op, true
}

// A Subject names a mutex in a function summary, in terms a caller can map
// onto its own expressions: a field path below a parameter or the receiver
// ("p:-1.mu"), or a package-level variable ("g:path/to/pkg:mu.inner").
type Subject string

// SubjectOf expresses r relative to the function of signature sig.
func SubjectOf(r refs.Ref, sig *types.Signature) (Subject, bool) {
	if p, ok := refs.AsParam(r, sig); ok {
		return Subject("p:" + p.Key()), true
	}
	if v, ok := r.Root.(*types.Var); ok && v.Pkg() != nil && v.Parent() == v.Pkg().Scope() {
		return Subject("g:" + v.Pkg().Path() + ":" + v.Name() + r.Path), true
	}
	return "", false
}

// At maps s, a subject of callee's summary, onto the caller's expressions at
// call (recv is the receiver expression of a method call).
func (s Subject) At(info *types.Info, callee *types.Func, recv ast.Expr, call *ast.CallExpr) refs.Ref {
	str := string(s)
	switch {
	case strings.HasPrefix(str, "p:"):
		p, ok := refs.ParseParam(str[2:])
		if !ok {
			return refs.Ref{}
		}
		return refs.AtCall(info, p, recv, call)
	case strings.HasPrefix(str, "g:"):
		path, name, field, ok := s.Global()
		if !ok {
			return refs.Ref{}
		}
		pkg := findPackage(callee.Pkg(), path)
		if pkg == nil {
			return refs.Ref{}
		}
		v, ok := pkg.Scope().Lookup(name).(*types.Var)
		if !ok {
			return refs.Ref{}
		}
		return refs.Ref{Root: v, Path: field}
	}
	return refs.Ref{}
}

// Global splits a subject that names a package-level variable's mutex
// ("g:path/to/pkg:mu.inner") into the package's path, the variable's name
// and the field path below it (".inner"); ok is false for any other.
func (s Subject) Global() (path, name, field string, ok bool) {
	rest, ok := strings.CutPrefix(string(s), "g:")
	if !ok {
		return "", "", "", false
	}
	i := strings.LastIndexByte(rest, ':')
	if i < 0 {
		return "", "", "", false
	}
	path, name = rest[:i], rest[i+1:]
	if j := strings.IndexByte(name, '.'); j >= 0 {
		name, field = name[:j], name[j:]
	}
	return path, name, field, true
}

// findPackage returns the package of the given path among from and its
// direct imports.
func findPackage(from *types.Package, path string) *types.Package {
	if from == nil {
		return nil
	}
	if from.Path() == path {
		return from
	}
	for _, imp := range from.Imports() {
		if imp.Path() == path {
			return imp
		}
	}
	return nil
}

// EncodeKey and DecodeKey write a subject held in a mode as one string, for
// gob-encoded facts.
func EncodeKey(s Subject, m Mode) string {
	if m == Read {
		return "R" + string(s)
	}
	return "W" + string(s)
}

// DecodeKey reverses EncodeKey.
func DecodeKey(k string) (Subject, Mode, bool) {
	if len(k) < 2 {
		return "", 0, false
	}
	switch k[0] {
	case 'W':
		return Subject(k[1:]), Write, true
	case 'R':
		return Subject(k[1:]), Read, true
	}
	return "", 0, false
}

// Mentions reports whether node names r's root variable anywhere.
func Mentions(info *types.Info, node ast.Node, root types.Object) bool {
	found := false
	ast.Inspect(node, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && info.Uses[id] == root {
			found = true
		}
		return !found
	})
	return found
}

// Set returns keys as a set: facts carry a function's lock keys as sorted
// slices (so that their encoding is deterministic), summaries as sets.
func Set(keys []string) map[string]bool {
	m := make(map[string]bool, len(keys))
	for _, k := range keys {
		m[k] = true
	}
	return m
}

// KeyAt maps an encoded key of callee's summary (EncodeKey) onto the
// caller's mutex at call, where recv is the receiver expression of a method
// call. It reports false when the key names nothing the caller can see.
func KeyAt(info *types.Info, encoded string, callee *types.Func, recv ast.Expr, call *ast.CallExpr) (Key, bool) {
	subj, mode, ok := DecodeKey(encoded)
	if !ok {
		return Key{}, false
	}
	r := subj.At(info, callee, recv, call)
	return Key{Ref: r, Mode: mode}, r.Valid()
}
