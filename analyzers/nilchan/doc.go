// Package nilchan defines an Analyzer that reports operations on a channel
// that is nil on every path.
//
// # Analyzer nilchan
//
// nilchan: report send, receive, range and close on a channel that is always nil
//
// The zero value of a channel type is nil, and a nil channel is not an empty
// channel: a send on it and a receive from it block forever, ranging over it
// blocks forever, and closing it panics. A channel declared with var and
// never made is nil:
//
//	var results chan int
//	go func() { results <- compute() }() // blocks forever
//	fmt.Println(<-results)             // blocks forever
//
// The fix is to make the channel:
//
//	results := make(chan int)
//
// nilchan works on the SSA form of each function and reports an operation
// only when the channel is nil on every path that reaches it: the nil
// constant, or a variable that no assignment on any path gives a channel.
//
// It stays silent for the deliberate idiom of setting a channel variable to
// nil inside a select loop to disable its case (the channel is nil on some
// paths only), for select statements in which some case is still live, and
// for channels stored in fields, captured by closures that may assign them,
// or passed in as parameters, whose values the analysis cannot follow. A
// select whose every case is on a nil channel, without a default, blocks
// forever and is reported.
package nilchan
