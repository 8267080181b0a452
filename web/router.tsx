import { lazy, type ComponentType } from 'react';
import { createBrowserRouter } from 'react-router';
import { RequireAuth } from './layout/RequireAuth.js';
import { LoginPage } from './pages/LoginPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';

const RELOADED_KEY = 'qudi.chunkReload';

/**
 * Pages load on demand (the dashboard's chart library stays out of everyone else's first load).
 * After a new release the old page's chunks are gone; reloading once fetches the new ones.
 */
function page(load: () => Promise<{ default: ComponentType }>) {
  return lazy(() =>
    load().then(
      (m) => {
        sessionStorage.removeItem(RELOADED_KEY);
        return m;
      },
      (err: unknown) => {
        if (sessionStorage.getItem(RELOADED_KEY)) throw err;
        sessionStorage.setItem(RELOADED_KEY, '1');
        window.location.reload();
        return new Promise<never>(() => {});
      },
    ),
  );
}

const HomePage = page(() => import('./pages/home/HomePage.js'));
const EnterpriseListPage = page(() => import('./pages/enterprises/EnterpriseListPage.js'));
const EnterpriseFormPage = page(() => import('./pages/enterprises/EnterpriseFormPage.js'));
const EnterpriseDetailPage = page(() => import('./pages/enterprises/EnterpriseDetailPage.js'));
const DashboardPage = page(() => import('./pages/dashboard/DashboardPage.js'));
const VillagesPage = page(() => import('./pages/VillagesPage.js'));
const UsersPage = page(() => import('./pages/UsersPage.js'));
const ReportsPage = page(() => import('./pages/reports/ReportsPage.js'));
const TownReportPage = page(() => import('./pages/reports/TownReportPage.js'));
const MobilisationPage = page(() => import('./pages/mobilisation/MobilisationPage.js'));
const ImportsPage = page(() => import('./pages/imports/ImportsPage.js'));
const SelfInspectionPage = page(() => import('./pages/selfInspection/SelfInspectionPage.js'));

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: <RequireAuth />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'enterprises', element: <EnterpriseListPage /> },
      { path: 'enterprises/new', element: <EnterpriseFormPage /> },
      { path: 'enterprises/:id', element: <EnterpriseDetailPage /> },
      { path: 'enterprises/:id/edit', element: <EnterpriseFormPage /> },
      { path: 'dashboard', element: <DashboardPage /> },
      { path: 'villages', element: <VillagesPage /> },
      { path: 'reports', element: <ReportsPage /> },
      { path: 'reports/towns/:townId', element: <TownReportPage /> },
      { path: 'mobilisation', element: <MobilisationPage /> },
      { path: 'imports', element: <ImportsPage /> },
      { path: 'self-inspection', element: <SelfInspectionPage /> },
      { path: 'users', element: <UsersPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
