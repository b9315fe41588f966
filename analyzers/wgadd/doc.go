// Package wgadd defines an Analyzer that reports sync.WaitGroup.Add calls
// made on the goroutine that the Add is meant to count.
//
// # Analyzer wgadd
//
// wgadd: report WaitGroup.Add called on the goroutine it counts, racing with Wait
//
// WaitGroup.Add must happen before the goroutine it counts starts: if the
// Add runs on the new goroutine, the spawner's Wait may see a zero counter
// and return before the goroutine has even begun.
//
//	var wg sync.WaitGroup
//	for _, item := range items {
//		go func() {
//			wg.Add(1) // races with wg.Wait below
//			defer wg.Done()
//			process(item)
//		}()
//	}
//	wg.Wait()
//
// The fix is to call Add before the go statement (or, from Go 1.25, to start
// the goroutine with wg.Go, which does the Add itself):
//
//	for _, item := range items {
//		wg.Add(1)
//		go func() {
//			defer wg.Done()
//			process(item)
//		}()
//	}
//
// Unlike the checks in go vet and staticcheck, which only look at an Add
// that is the first statement of a go func literal, wgadd finds the Add
// anywhere on the new goroutine: after other statements, inside if, for
// and select, in a named function or method started with go (go
// worker(&wg), go s.run()), in a helper that the goroutine calls, and in
// another package (through facts). It understands WaitGroups held in
// struct fields, including embedded ones.
//
// It stays silent when the goroutine adds to a WaitGroup that it also
// waits on (a fan-out it owns), when the goroutine is itself counted by
// the WaitGroup and adds for its children while it holds that count (its
// Done is deferred before the Add, or its spawner called Add before
// starting it, directly or through a wrapper that adds without settling
// the count), and when the WaitGroup is handed to code the analysis
// cannot see.
//
// The suggested fix moves a constant Add before the go statement when the
// Add is a statement of the goroutine's body that always runs; from Go
// 1.25, the exact shape `go func() { wg.Add(1); defer wg.Done(); ... }()` is
// rewritten to `wg.Go(func() { ... })`.
package wgadd
