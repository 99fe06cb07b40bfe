import { useState } from 'react';
import { Tabs } from 'radix-ui';
import { useT } from '../../../i18n';
import { peopleMessages } from './messages';
import { PatientsPanel } from './PatientsPanel';
import { StaffPanel } from './StaffPanel';

export function PeopleSection() {
  const t = useT(peopleMessages);
  const [tab, setTab] = useState('patients');
  return (
    <>
      <h1>{t('title')}</h1>
      <p className="admin-intro">{t('intro')}</p>
      <Tabs.Root value={tab} onValueChange={setTab} className="admin-tabs">
        <Tabs.List aria-label={t('tabsLabel')} className="admin-tabs__list">
          <Tabs.Trigger value="patients" className="admin-tabs__trigger" data-testid="tab-patients">
            {t('patientsTab')}
          </Tabs.Trigger>
          <Tabs.Trigger value="staff" className="admin-tabs__trigger" data-testid="tab-staff">
            {t('staffTab')}
          </Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content value="patients" className="admin-tabs__panel">
          <PatientsPanel />
        </Tabs.Content>
        <Tabs.Content value="staff" className="admin-tabs__panel">
          <StaffPanel />
        </Tabs.Content>
      </Tabs.Root>
    </>
  );
}
