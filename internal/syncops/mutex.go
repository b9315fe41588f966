package syncops

import (
	"go/ast"
	"go/types"

	"github.com/concvet/concvet/internal/refs"
)

// Mutex returns the sync.Mutex or sync.RWMutex method that call invokes
// ("Lock", "Unlock", "RLock", "RUnlock", "TryLock", "TryRLock", "RLocker"),
// and the mutex it acts on, including a mutex embedded in the receiver
// (s.Lock() where s embeds sync.Mutex names s.Mutex).
func Mutex(info *types.Info, call *ast.CallExpr) (string, refs.Ref) {
	if name, r := MethodCall(info, call, "sync", "Mutex"); name != "" {
		return name, r
	}
	return MethodCall(info, call, "sync", "RWMutex")
}

// Cond returns the sync.Cond method that call invokes ("Wait", "Signal",
// "Broadcast"), and the Cond it acts on.
func Cond(info *types.Info, call *ast.CallExpr) (string, refs.Ref) {
	return MethodCall(info, call, "sync", "Cond")
}

// IsMutex reports whether t is sync.Mutex or sync.RWMutex, or a pointer to
// one.
func IsMutex(t types.Type) bool {
	if t == nil {
		return false
	}
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n := namedOf(t)
	if n == nil || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "sync" {
		return false
	}
	return n.Obj().Name() == "Mutex" || n.Obj().Name() == "RWMutex"
}
