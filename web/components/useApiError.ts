import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../api/client.js';
import { applyServerErrors } from '../forms/zodRules.js';
import { t } from '../i18n/index.js';

interface Options {
  /** Put the server's field errors on this form's fields. */
  form?: FormInstance;
  /** Offered to the user when the record was changed by someone else (409 stale_version). */
  onReload?: () => void;
}

/**
 * Shows a failed API call to the user: the problem's Chinese `detail` as a message, field errors
 * on the form, and for a stale version a dialog offering to reload. 401 is handled globally.
 */
export function useApiError() {
  const { message, modal } = App.useApp();
  return useCallback(
    (error: unknown, opts: Options = {}) => {
      if (!(error instanceof ApiError)) {
        void message.error(t('error.unexpected'));
        return;
      }
      if (error.isUnauthenticated) return;
      if (error.isStaleVersion) {
        modal.confirm({
          title: t('error.stale.title'),
          content: `${error.detail} ${t('error.stale.hint')}`,
          okText: t('common.reload'),
          cancelText: t('common.cancel'),
          onOk: opts.onReload,
        });
        return;
      }
      if (opts.form && error.errors.length > 0) applyServerErrors(opts.form, error.errors);
      void message.error(error.detail);
    },
    [message, modal],
  );
}
