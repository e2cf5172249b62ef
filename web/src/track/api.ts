// The citizen page's calls: plain fetch (no staff session, no console code), the API's error body
// turned into one Chinese sentence the citizen can act on.
import type { ErrorBody } from '../../../api/schemas/index.js';
import { chinaTime } from '../time.js';

export type Result<T> = { ok: true; data: T } | { ok: false; status: number; message: string };

/** The Chinese words for each refusal the citizen can meet (the API's messages carry English too). */
export function sayError(status: number, e: Partial<ErrorBody> | null): string {
  const details = (e?.details ?? {}) as { triesLeft?: number; retryAt?: string };
  switch (e?.code) {
    case 'TRACK_CHECK_FAILED':
      return details.triesLeft
        ? `手机号后四位不正确，请核对后重试（还可尝试 ${details.triesLeft} 次）。`
        : '手机号后四位不正确，尝试次数已用完，请 15 分钟后再试。';
    case 'RATE_LIMITED':
      return details.retryAt
        ? `尝试次数过多，请于 ${chinaTime(details.retryAt)}（北京时间）后再试，或联系综治中心。`
        : '操作过于频繁，请稍后再试。';
    case 'TRACK_NO_PHONE':
      return '此事项未登记申请人手机号，无法在线核验。请携带回执到综治中心窗口或致电综治中心办理。';
    case 'TRACK_NOT_AWAITED':
      return '此事项目前无需您办理（可能已提交过），请刷新页面查看。';
    case 'VALIDATION_FAILED':
    case 'FORM_INVALID':
      return '填写的内容不完整或格式不对，请检查后重试（手机号后四位为 4 位数字）。';
    case 'NOT_FOUND':
      return '未找到该受理编号，请核对回执上的编号。';
  }
  return status === 429 ? '操作过于频繁，请稍后再试。' : '暂时无法提交，请稍后再试。';
}

export async function call<T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<Result<T>> {
  try {
    const res = await fetch(url, {
      method,
      headers: { accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await res.json().catch(() => null);
    return res.ok
      ? { ok: true, data: json as T }
      : { ok: false, status: res.status, message: sayError(res.status, json) };
  } catch {
    return { ok: false, status: 0, message: '网络连接失败，请检查网络后重试。' };
  }
}
