import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU, version_cpu } from '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

/** The tfjs backends the lab can run on, fastest first. */
export type LabBackend = 'wasm' | 'cpu';

/** Where the backend came from and why, for display. */
export interface BackendInfo {
  name: LabBackend;
  /** True when the wasm binary uses SIMD instructions. */
  simd: boolean;
  /** Why a faster backend was not used, if it was not. */
  fallbackReason?: string;
}

/** Options of backend selection. */
export interface BackendOptions {
  /**
   * Folder URL or path (ending in '/') holding the tfjs-backend-wasm `.wasm` files, or a map from
   * file name to URL. Without it, wasm is skipped.
   */
  wasmPaths?: string | Record<string, string>;
  /** Skip wasm even when its files are available. */
  preferCpu?: boolean;
}

let current: Promise<BackendInfo> | undefined;

/** A wasm binary that neither loads nor fails (a blocked fetch) must not keep the lab from starting. */
const WASM_TIMEOUT_MS = 15_000;

/**
 * Selects the fastest backend that works here: wasm (XNNPACK kernels, SIMD where supported), else
 * the pure-JS cpu backend. WebGL is left out on purpose: at this model size its per-op dispatch
 * and read-back cost more than the arithmetic. Idempotent: later calls return the first result.
 */
export function initBackend(options: BackendOptions = {}): Promise<BackendInfo> {
  current ??= select(options);
  return current;
}

async function select(options: BackendOptions): Promise<BackendInfo> {
  // PROD skips per-op NaN checks and silences the "use tfjs-node" banner.
  tf.env().set('PROD', true);
  let reason: string | undefined;
  if (options.preferCpu) reason = 'cpu requested';
  else if (!options.wasmPaths) reason = 'wasm files not available';
  else {
    try {
      setWasmPaths(options.wasmPaths);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<boolean>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer after ${WASM_TIMEOUT_MS / 1000} s`)), WASM_TIMEOUT_MS);
      });
      const ok = await Promise.race([tf.setBackend('wasm'), timeout]).finally(() => clearTimeout(timer));
      if (ok) {
        await tf.ready();
        const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
        return { name: 'wasm', simd };
      }
      reason = 'wasm failed to initialise';
    } catch (err) {
      reason = `wasm failed: ${err instanceof Error ? err.message : String((err as { message?: unknown })?.message ?? err)}`;
    }
  }
  // Bundlers may drop a bare side-effect import of the cpu backend; registering it here keeps it.
  if (!tf.findBackendFactory('cpu')) tf.registerBackend('cpu', () => new MathBackendCPU(), 1);
  await tf.setBackend('cpu');
  await tf.ready();
  return { name: 'cpu', simd: false, fallbackReason: reason };
}

/** The tfjs version in use, for display. */
export const TFJS_VERSION: string = version_cpu;

/** Live tensors, for leak checks. */
export function liveTensors(): number {
  return tf.memory().numTensors;
}
