module example.com/timerreset

go 1.22
