import { Button } from 'antd';
import { Outcome } from '../components/Outcome.js';
import { Link } from 'react-router';
import { t } from '../i18n/index.js';

export function NotFoundPage() {
  return (
    <Outcome
      status="404"
      title={t('common.notFound')}
      subTitle={t('common.notFoundDetail')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}

export function ForbiddenPage() {
  return (
    <Outcome
      status="403"
      title={t('common.forbidden')}
      subTitle={t('common.forbiddenDetail')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}
