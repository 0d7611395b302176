/* lockctx stub: mirrors the Linux 6.12 shape of <linux/trace_events.h> (the output side). */
#ifndef _LINUX_TRACE_EVENTS_H
#define _LINUX_TRACE_EVENTS_H

#include <linux/types.h>

struct trace_iterator;
struct trace_event;

enum print_line_t {
	TRACE_TYPE_PARTIAL_LINE	= 0,
	TRACE_TYPE_HANDLED	= 1,
	TRACE_TYPE_UNHANDLED	= 2,
	TRACE_TYPE_NO_CONSUME	= 3
};

typedef enum print_line_t (*trace_print_func)(struct trace_iterator *iter,
					      int flags, struct trace_event *event);

struct trace_event_functions {
	trace_print_func	trace;
	trace_print_func	raw;
	trace_print_func	hex;
	trace_print_func	binary;
};

struct trace_event {
	struct hlist_node		node;
	int				type;
	struct trace_event_functions	*funcs;
};

#endif /* _LINUX_TRACE_EVENTS_H */
