/* lockctx stub: mirrors the Linux 6.12 shape of <linux/dmaengine.h> (subset: descriptors). */
#ifndef LINUX_DMAENGINE_H
#define LINUX_DMAENGINE_H

#include <linux/types.h>

enum dmaengine_tx_result {
	DMA_TRANS_NOERROR = 0,
	DMA_TRANS_READ_FAILED,
	DMA_TRANS_WRITE_FAILED,
	DMA_TRANS_ABORTED,
};

struct dmaengine_result {
	enum dmaengine_tx_result result;
	u32 residue;
};

typedef void (*dma_async_tx_callback)(void *dma_async_param);
typedef void (*dma_async_tx_callback_result)(void *dma_async_param,
				const struct dmaengine_result *result);

typedef s32 dma_cookie_t;

/* completion callbacks run from the DMA driver's tasklet (rules.toml: softirq) */
struct dma_async_tx_descriptor {
	dma_cookie_t cookie;
	dma_cookie_t (*tx_submit)(struct dma_async_tx_descriptor *tx);
	dma_async_tx_callback callback;
	dma_async_tx_callback_result callback_result;
	void *callback_param;
};

#endif /* LINUX_DMAENGINE_H */
